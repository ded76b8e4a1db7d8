package io.tqc.examples.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The smallest load balancer that shows a relay fleet at work: a TCP round-robin proxy on loopback.
 * Each accepted connection goes to the next node in turn and its bytes are copied both ways until
 * either side closes, so HTTP keep-alive and the status event stream pass unchanged. It does no
 * health checks and no TLS; a real deployment puts a real balancer in front of the nodes (health
 * check {@code GET /v1/health}). Used by {@code sdk-examples/fleet-demo.sh}:
 *
 * <pre>java -cp tqc.jar io.tqc.examples.fleet.RoundRobinProxy PORT HOST:PORT [HOST:PORT ...]</pre>
 *
 * <p>Prints {@code round-robin proxy listening on http://127.0.0.1:P} once it accepts connections
 * ({@code PORT} 0 picks a free port) and runs until killed.
 */
public final class RoundRobinProxy {
  private RoundRobinProxy() {}

  /** Runs the proxy; exit code 2 on bad arguments. */
  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: RoundRobinProxy PORT HOST:PORT [HOST:PORT ...]");
      System.exit(2);
    }
    List<InetSocketAddress> nodes = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      int colon = args[i].lastIndexOf(':');
      if (colon <= 0) {
        System.err.println("error: not HOST:PORT: " + args[i]);
        System.exit(2);
      }
      nodes.add(new InetSocketAddress(args[i].substring(0, colon), Integer.parseInt(args[i].substring(colon + 1))));
    }
    ExecutorService pipes = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "round-robin-pipe");
      thread.setDaemon(true);
      return thread;
    });
    AtomicLong next = new AtomicLong();
    try (ServerSocket server = new ServerSocket(Integer.parseInt(args[0]), 128, InetAddress.getLoopbackAddress())) {
      System.out.println("round-robin proxy listening on http://127.0.0.1:" + server.getLocalPort());
      System.out.flush();
      while (true) {
        Socket client = server.accept();
        InetSocketAddress node = nodes.get((int) (next.getAndIncrement() % nodes.size()));
        pipes.execute(() -> connect(client, node, pipes));
      }
    }
  }

  private static void connect(Socket client, InetSocketAddress node, ExecutorService pipes) {
    Socket upstream = new Socket();
    try {
      upstream.connect(node, 2_000);
      client.setTcpNoDelay(true);
      upstream.setTcpNoDelay(true);
    } catch (IOException e) {
      closeBoth(client, upstream); // the client sees the connection close, as with a dead node
      return;
    }
    pipes.execute(() -> copy(upstream, client));
    copy(client, upstream);
  }

  private static void copy(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // either side went away: close both below
    } finally {
      closeBoth(from, to);
    }
  }

  private static void closeBoth(Socket a, Socket b) {
    try {
      a.close();
    } catch (IOException ignored) {
      // closing
    }
    try {
      b.close();
    } catch (IOException ignored) {
      // closing
    }
  }
}
