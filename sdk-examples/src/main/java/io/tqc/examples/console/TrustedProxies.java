package io.tqc.examples.console;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.InetAddressPattern;

/**
 * The proxies (load balancers) in front of the relay whose {@code X-Forwarded-For} header is
 * believed, as CIDR ranges ({@code 10.0.0.0/8}, {@code 192.0.2.7}, {@code 2001:db8::/32}). The
 * console's per-address login limit counts the address this yields: the connection's peer
 * address, unless the peer is a trusted proxy; then the right-most {@code X-Forwarded-For} entry
 * that is not a trusted proxy (entries to its left are whatever the client sent, and are never
 * believed). With no trusted proxy (the default) the header is ignored entirely. Immutable.
 */
public final class TrustedProxies {
  /** No trusted proxy: the peer address is always the client's. */
  public static final TrustedProxies NONE = new TrustedProxies(Collections.<String>emptyList(),
      Collections.<InetAddressPattern>emptyList());

  /** The header a proxy appends the address it received the request from to. */
  public static final String X_FORWARDED_FOR = "X-Forwarded-For";

  private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
  /** Entries beyond this many are not looked at: the address reached so far is used. */
  private static final int MAX_HOPS = 32;

  private final List<String> cidrs;
  private final List<InetAddressPattern> ranges;

  private TrustedProxies(List<String> cidrs, List<InetAddressPattern> ranges) {
    this.cidrs = cidrs;
    this.ranges = ranges;
  }

  /**
   * The proxies in {@code cidrs}, each an IP address literal with an optional prefix length.
   *
   * @throws IllegalArgumentException an entry is not such a CIDR range (the message names it)
   */
  public static TrustedProxies of(List<String> cidrs) {
    if (cidrs == null || cidrs.isEmpty()) {
      return NONE;
    }
    List<String> names = new ArrayList<>();
    List<InetAddressPattern> ranges = new ArrayList<>();
    for (String cidr : cidrs) {
      String text = cidr == null ? "" : cidr.trim();
      int slash = text.indexOf('/');
      String address = slash < 0 ? text : text.substring(0, slash);
      InetAddress literal = literal(address);
      if (literal == null) {
        throw new IllegalArgumentException("trusted proxy \"" + text + "\" is not an IP address or CIDR range"
            + " (e.g. 10.0.0.0/8 or 2001:db8::/32)");
      }
      int bits = literal.getAddress().length * 8;
      if (slash >= 0) {
        String prefix = text.substring(slash + 1);
        int length;
        try {
          length = prefix.matches("\\d{1,3}") ? Integer.parseInt(prefix) : -1;
        } catch (NumberFormatException e) {
          length = -1;
        }
        if (length < 0 || length > bits) {
          throw new IllegalArgumentException("trusted proxy \"" + text + "\": the prefix length must be 0 to " + bits);
        }
        text = literal.getHostAddress() + "/" + length;
      } else {
        text = literal.getHostAddress() + "/" + bits;
      }
      names.add(text);
      ranges.add(InetAddressPattern.from(text));
    }
    return new TrustedProxies(Collections.unmodifiableList(names), Collections.unmodifiableList(ranges));
  }

  /** The trusted ranges, normalised ({@code address/prefix}); empty for {@link #NONE}. */
  public List<String> cidrs() {
    return cidrs;
  }

  /** True if {@code address} (an IP literal) is a trusted proxy. */
  public boolean isTrusted(String address) {
    InetAddress parsed = literal(address);
    return parsed != null && trusted(parsed);
  }

  /**
   * The client's address for a request from {@code peer} with these {@code X-Forwarded-For}
   * header values (in the order received; each a comma-separated list): {@code peer} itself
   * unless it is a trusted proxy, else the right-most entry that is not one. A malformed entry
   * stops the walk at the last address reached (a trusted proxy's), so garbage never replaces it.
   */
  public String clientAddress(String peer, List<String> forwardedFor) {
    if (ranges.isEmpty() || forwardedFor == null || forwardedFor.isEmpty()) {
      return peer;
    }
    InetAddress current = literal(peer);
    if (current == null || !trusted(current)) {
      return peer;
    }
    List<String> entries = new ArrayList<>();
    for (String value : forwardedFor) {
      if (value != null) {
        for (String entry : value.split(",", -1)) {
          entries.add(entry.trim());
        }
      }
    }
    String address = peer;
    for (int i = entries.size() - 1, hops = 0; i >= 0 && hops < MAX_HOPS; i--, hops++) {
      InetAddress hop = literal(entries.get(i));
      if (hop == null) {
        return address;
      }
      address = hop.getHostAddress();
      if (!trusted(hop)) {
        return address;
      }
    }
    return address;
  }

  private boolean trusted(InetAddress address) {
    for (InetAddressPattern range : ranges) {
      if (range.test(address)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code text} as an IP address if it is an IPv4 or IPv6 literal ({@code [...]} allowed), else
   * null. Never a name lookup: only strings made of address characters reach the JDK's parser,
   * which treats them as literals.
   */
  static InetAddress literal(String text) {
    if (text == null) {
      return null;
    }
    String t = text.trim();
    if (t.length() > 2 && t.charAt(0) == '[' && t.charAt(t.length() - 1) == ']') {
      t = t.substring(1, t.length() - 1);
    }
    if (t.isEmpty() || t.length() > 45 || !(IPV4.matcher(t).matches() || IPV6.matcher(t).matches())) {
      return null;
    }
    try {
      return InetAddress.getByName(t.toLowerCase(Locale.ROOT));
    } catch (UnknownHostException | SecurityException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "TrustedProxies" + cidrs;
  }
}
