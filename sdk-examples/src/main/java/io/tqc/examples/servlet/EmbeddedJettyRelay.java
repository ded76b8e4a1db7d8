package io.tqc.examples.servlet;

import io.tqc.relay.Relay;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A relay operator's existing servlet application on plain embedded Jetty 12, with TQC added:
 * the only TQC line is the {@link TqcBatchFilter} mapped in front of the batch servlet.
 *
 * <pre>{@code
 * try (Relay relay = Relay.open(relayConfig);
 *      EmbeddedJettyRelay server = EmbeddedJettyRelay.start(relay, 8443, new QueueingBatchServlet(queue))) {
 *   ...
 * }
 * }</pre>
 *
 * Token, status and JWKS endpoints map the same way, one {@link Relay} call each (see the reference
 * server in {@code io.tqc.examples.relay}).
 */
public final class EmbeddedJettyRelay implements AutoCloseable {
  /** Where batches are posted. */
  public static final String BATCH_PATH = "/v1/batches";

  private final Server server;
  private final ServerConnector connector;

  private EmbeddedJettyRelay(Server server, ServerConnector connector) {
    this.server = server;
    this.connector = connector;
  }

  /** Starts Jetty on loopback {@code port} (0 picks a free one) with the filter before {@code batchServlet}. */
  public static EmbeddedJettyRelay start(Relay relay, int port, HttpServlet batchServlet) throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(batchServlet), BATCH_PATH);
    context.addFilter(new FilterHolder(new TqcBatchFilter(relay)), BATCH_PATH, EnumSet.of(DispatcherType.REQUEST));
    server.setHandler(context);
    server.start();
    return new EmbeddedJettyRelay(server, connector);
  }

  /** The batch endpoint's URL. */
  public URI batchEndpoint() {
    return URI.create("http://127.0.0.1:" + connector.getLocalPort() + BATCH_PATH);
  }

  /** Stops Jetty (the relay stays open; its owner closes it). */
  @Override
  public void close() throws IOException {
    try {
      server.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while stopping Jetty");
    } catch (Exception e) {
      throw new IOException("stopping Jetty failed", e);
    }
  }
}
