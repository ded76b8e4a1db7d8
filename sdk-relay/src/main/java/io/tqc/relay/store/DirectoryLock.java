package io.tqc.relay.store;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive OS-level lock on a lock file, held while a store is open, with a one-line description
 * of the holder (process id, host, since when) written into the file for the next would-be holder.
 * The operating system releases the lock when the holding process dies, so a crashed relay never
 * leaves a stale lock behind.
 *
 * <p>Locks held by this JVM are also kept in a table checked before the file is opened: POSIX
 * record locks belong to the process, and closing <em>any</em> descriptor of the file (such as a
 * second attempt's) would silently release the first holder's lock.
 */
final class DirectoryLock implements AutoCloseable {
  private static final ConcurrentHashMap<Path, String> HELD_HERE = new ConcurrentHashMap<>();

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private DirectoryLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  static DirectoryLock acquire(Path lockFile) throws IOException {
    Path file = lockFile.toAbsolutePath().normalize();
    String self = describeSelf();
    String heldBy = HELD_HERE.putIfAbsent(file, self);
    if (heldBy != null) {
      throw locked(file, "another relay in this process (" + heldBy + ")");
    }
    try {
      return lock(file, self);
    } catch (IOException | RuntimeException e) {
      HELD_HERE.remove(file, self);
      throw e;
    }
  }

  private static DirectoryLockedException locked(Path file, String holder) {
    return new DirectoryLockedException("relay data directory " + file.getParent() + " is in use by " + holder
        + " (lock file " + file.getFileName() + "); stop that relay or use another data directory");
  }

  private static DirectoryLock lock(Path file, String self) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    try {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        throw locked(file, holder(channel));
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(self.getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(true);
      return new DirectoryLock(file, channel, lock);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private static String describeSelf() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "unknown host";
    }
    // "pid@host" on every JVM since Java 8.
    String name = ManagementFactory.getRuntimeMXBean().getName();
    int at = name.indexOf('@');
    String pid = at > 0 ? name.substring(0, at) : name;
    return "pid " + pid + " on " + host + " since " + Instant.now();
  }

  private static String holder(FileChannel channel) {
    try {
      ByteBuffer buffer = ByteBuffer.allocate(512);
      int read = channel.read(buffer, 0);
      String text = read <= 0 ? "" : new String(buffer.array(), 0, read, StandardCharsets.UTF_8).trim();
      text = text.replaceAll("[\\r\\n\\t]+", " ");
      return text.isEmpty() ? "another relay" : "another relay (" + text + ")";
    } catch (IOException e) {
      return "another relay";
    }
  }

  @Override
  public void close() {
    if (!channel.isOpen()) {
      return;
    }
    try {
      lock.release();
    } catch (IOException ignored) {
      // Closing the channel releases it too.
    }
    try {
      channel.close();
    } catch (IOException ignored) {
      // Nothing more to release.
    }
    HELD_HERE.remove(file);
  }
}
