package io.tqc.api.token;

import io.tqc.api.ReasonCode;
import io.tqc.api.TqcException;
import io.tqc.api.internal.Base64Url;
import io.tqc.api.internal.Json.JsonException;
import io.tqc.api.internal.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The claims of a certification token ({@code tqc-cert+jwt}): who issued it, to which reseller,
 * for how long, bound to which reseller key ({@code cnf.jkt}), and the certification it carries
 * (id, end, scope, pre-registered sender numbers, first-sender identification code, status-list
 * entry). Immutable; build with {@link Builder}.
 */
public final class CertificationClaims {
  /** The scope that allows advertising batches. */
  public static final String SCOPE_ADVERTISING = "advertising";

  static final Set<String> MEMBERS = new HashSet<>(
      Arrays.asList("iss", "sub", "aud", "iat", "nbf", "exp", "jti", "cnf", "tqc", "status"));
  private static final Set<String> CNF_MEMBERS = Collections.singleton("jkt");
  private static final Set<String> TQC_MEMBERS = new HashSet<>(
      Arrays.asList("cert_id", "cert_exp", "scope", "sender_numbers", "origin_code"));
  private static final Set<String> STATUS_MEMBERS = Collections.singleton("status_list");
  private static final Set<String> STATUS_LIST_MEMBERS = new HashSet<>(Arrays.asList("idx", "uri"));
  static final int MAX_SENDER_NUMBERS = 100;

  private final String issuer;
  private final ResellerId subject;
  private final List<String> audience;
  private final Instant issuedAt;
  private final Instant notBefore;
  private final Instant expiresAt;
  private final String tokenId;
  private final String keyThumbprint;
  private final String certificationId;
  private final Instant certificationExpiresAt;
  private final List<String> scope;
  private final List<String> senderNumbers;
  private final String originCode;
  private final int statusListIndex;
  private final String statusListUri;

  private CertificationClaims(Builder b) {
    this.issuer = require(b.issuer, "issuer");
    this.subject = require(b.subject, "subject");
    this.audience = Collections.unmodifiableList(new ArrayList<>(
        b.audience.isEmpty() ? Collections.singletonList(issuer) : b.audience));
    this.issuedAt = truncate(require(b.issuedAt, "issuedAt"));
    this.notBefore = truncate(b.notBefore == null ? issuedAt : b.notBefore);
    this.expiresAt = truncate(require(b.expiresAt, "expiresAt"));
    this.tokenId = require(b.tokenId, "tokenId");
    this.keyThumbprint = require(b.keyThumbprint, "keyThumbprint");
    this.certificationId = require(b.certificationId, "certificationId");
    this.certificationExpiresAt = truncate(require(b.certificationExpiresAt, "certificationExpiresAt"));
    this.scope = Collections.unmodifiableList(new ArrayList<>(b.scope));
    this.senderNumbers = Collections.unmodifiableList(new ArrayList<>(b.senderNumbers));
    this.originCode = normalizeOriginCode(require(b.originCode, "originCode"));
    this.statusListIndex = b.statusListIndex;
    this.statusListUri = require(b.statusListUri, "statusListUri");
    for (Instant time : new Instant[] {issuedAt, notBefore, expiresAt, certificationExpiresAt}) {
      if (!isRepresentableTime(time)) {
        throw new IllegalArgumentException("token times must lie between 1970-01-01T00:00:00Z and " + LATEST_TIME
            + ", not " + time);
      }
    }
    if (!expiresAt.isAfter(issuedAt)) {
      throw new IllegalArgumentException("expiresAt must be after issuedAt");
    }
    if (!Base64Url.isAlphabet(keyThumbprint, 43, 43)) {
      throw new IllegalArgumentException("keyThumbprint must be a base64url SHA-256 thumbprint");
    }
    if (!Base64Url.isAlphabet(tokenId, 22, 128)) {
      throw new IllegalArgumentException("tokenId must be 22-128 base64url characters (>= 128 bits)");
    }
    if (!isValidCertificationId(certificationId)) {
      throw new IllegalArgumentException("certificationId must be 1-64 characters of [A-Za-z0-9._:-]");
    }
    if (originCode == null) {
      throw new IllegalArgumentException(ORIGIN_CODE_RULE);
    }
    if (senderNumbers.isEmpty() || senderNumbers.size() > MAX_SENDER_NUMBERS) {
      throw new IllegalArgumentException("senderNumbers must hold 1-" + MAX_SENDER_NUMBERS + " numbers");
    }
    for (String number : senderNumbers) {
      if (!isDigits(number, 8, 11)) {
        throw new IllegalArgumentException("sender numbers are 8-11 digits, digits only");
      }
    }
    if (statusListIndex < 0) {
      throw new IllegalArgumentException("statusListIndex must be >= 0");
    }
  }

  private static <T> T require(T value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value;
  }

  private static Instant truncate(Instant instant) {
    return Instant.ofEpochSecond(instant.getEpochSecond());
  }

  static boolean isDigits(String text, int min, int max) {
    if (text == null || text.length() < min || text.length() > max) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * The latest time a token can carry: 9999-12-31T23:59:59Z. NumericDate claims ({@code iat},
   * {@code nbf}, {@code exp}, {@code tqc.cert_exp}) are whole seconds from 1970-01-01T00:00:00Z up to
   * this instant; a verifier refuses anything later as malformed, so nothing later is ever signed.
   */
  public static final Instant LATEST_TIME = Instant.ofEpochSecond(253402300799L);

  /**
   * True if {@code instant} is a time tokens can carry: from 1970-01-01T00:00:00Z to
   * {@link #LATEST_TIME}, both included (fractions of a second are dropped when it is written).
   */
  public static boolean isRepresentableTime(Instant instant) {
    return instant != null && instant.getEpochSecond() >= 0
        && instant.getEpochSecond() <= LATEST_TIME.getEpochSecond();
  }

  /** Digits in a first-sender identification code (최초 발신자 식별코드). */
  public static final int ORIGIN_CODE_DIGITS = 9;

  /** The origin-code rule as one sentence, for error messages. */
  public static final String ORIGIN_CODE_RULE = "originCode must be the 9-digit registration number (등록번호); "
      + "'-' and spaces are ignored";

  /**
   * True if {@code code} is a first-sender identification code (최초 발신자 식별코드) in its canonical
   * form: exactly {@value #ORIGIN_CODE_DIGITS} ASCII digits. Tokens, registrations and batch
   * acknowledgements carry this form; {@link #normalizeOriginCode} turns what people type into it.
   */
  public static boolean isValidOriginCode(String code) {
    return isDigits(code, ORIGIN_CODE_DIGITS, ORIGIN_CODE_DIGITS);
  }

  /**
   * The canonical form of a first-sender identification code (최초 발신자 식별코드), or {@code null}
   * if {@code code} is not one.
   *
   * <p>The code is the reseller's registration number (등록번호) as a special-category value-added
   * telecommunications business (특수한 유형의 부가통신사업자), written with its symbols and spaces
   * removed: exactly {@value #ORIGIN_CODE_DIGITS} digits. NHN Cloud's SMS API guide describes its
   * {@code originCode} field the same way (<a
   * href="https://docs.nhncloud.com/ko/Notification/SMS/ko/api-guide/">Notification &gt; SMS &gt;
   * API v3.0 가이드</a>, 광고 메시지 발송 요청 본문). So {@code "123-45-6789"} and
   * {@code "123 456 789"} become {@code "123456789"}; letters, other symbols, non-ASCII digits and
   * any other number of digits are refused (for example {@code "EXM24001"}, {@code "ORG1"},
   * {@code "12345678"}).
   *
   * @param code the code as typed; {@code -} and spaces are ignored
   * @return the nine digits, or {@code null} if {@code code} is null or not a valid code
   */
  public static String normalizeOriginCode(String code) {
    if (code == null || code.length() > 64) {
      return null;
    }
    StringBuilder digits = new StringBuilder(ORIGIN_CODE_DIGITS);
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == '-' || c == ' ') {
        continue;
      }
      if (c < '0' || c > '9') {
        return null;
      }
      digits.append(c);
    }
    return digits.length() == ORIGIN_CODE_DIGITS ? digits.toString() : null;
  }

  /** True if {@code id} is a valid certification id: 1-64 characters of {@code [A-Za-z0-9._:-]}. */
  public static boolean isValidCertificationId(String id) {
    if (id == null || id.isEmpty() || id.length() > 64) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '.' || c == '_' || c == ':' || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Reads claims from a parsed token payload; any defect is {@code token_malformed}. */
  static CertificationClaims fromJson(JsonObject payload) throws TqcException {
    try {
      payload.requireOnly(MEMBERS, "token claims");
      JsonObject cnf = payload.object("cnf");
      cnf.requireOnly(CNF_MEMBERS, "cnf");
      JsonObject tqc = payload.object("tqc");
      tqc.requireOnly(TQC_MEMBERS, "tqc");
      JsonObject status = payload.object("status");
      status.requireOnly(STATUS_MEMBERS, "status");
      JsonObject statusList = status.object("status_list");
      statusList.requireOnly(STATUS_LIST_MEMBERS, "status_list");
      Builder builder = new Builder()
          .issuer(payload.string("iss"))
          .subject(ResellerId.parse(payload.string("sub")))
          .audience(audience(payload))
          .issuedAt(Instant.ofEpochSecond(payload.numericDate("iat")))
          .notBefore(Instant.ofEpochSecond(payload.numericDate("nbf")))
          .expiresAt(Instant.ofEpochSecond(payload.numericDate("exp")))
          .tokenId(payload.string("jti"))
          .keyThumbprint(cnf.string("jkt"))
          .certificationId(tqc.string("cert_id"))
          .certificationExpiresAt(Instant.ofEpochSecond(tqc.numericDate("cert_exp")))
          .scope(tqc.stringArray("scope", 8))
          .senderNumbers(tqc.stringArray("sender_numbers", MAX_SENDER_NUMBERS))
          .originCode(canonicalOriginCode(tqc.string("origin_code")))
          .statusListIndex((int) statusList.integer("idx", 0, Integer.MAX_VALUE))
          .statusListUri(statusList.string("uri"));
      return builder.build();
    } catch (JsonException e) {
      throw new TqcException(ReasonCode.TOKEN_MALFORMED, "claims: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new TqcException(ReasonCode.TOKEN_MALFORMED, "claims: " + e.getMessage());
    } catch (TqcException e) {
      throw new TqcException(ReasonCode.TOKEN_MALFORMED, "claims: \"sub\" " + e.detail());
    }
  }

  /** On the wire the code is canonical: exactly 9 digits, nothing to strip. */
  private static String canonicalOriginCode(String code) throws JsonException {
    if (!isValidOriginCode(code)) {
      throw new JsonException("\"origin_code\" must be exactly " + ORIGIN_CODE_DIGITS + " digits");
    }
    return code;
  }

  /** {@code aud}: a string or a non-empty array of strings; an empty string or array is malformed. */
  private static List<String> audience(JsonObject payload) throws JsonException {
    List<String> audience = payload.stringOrArray("aud", 16);
    if (audience.isEmpty()) {
      throw new JsonException("\"aud\" is an empty array");
    }
    for (String item : audience) {
      if (item.isEmpty()) {
        throw new JsonException("\"aud\" holds an empty string");
      }
    }
    return audience;
  }

  Map<String, Object> toJson() {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", issuer);
    claims.put("sub", subject.value());
    claims.put("aud", audience.size() == 1 ? audience.get(0) : audience);
    claims.put("iat", issuedAt.getEpochSecond());
    claims.put("nbf", notBefore.getEpochSecond());
    claims.put("exp", expiresAt.getEpochSecond());
    claims.put("jti", tokenId);
    claims.put("cnf", Collections.singletonMap("jkt", keyThumbprint));
    Map<String, Object> tqc = new LinkedHashMap<>();
    tqc.put("cert_id", certificationId);
    tqc.put("cert_exp", certificationExpiresAt.getEpochSecond());
    tqc.put("scope", scope);
    tqc.put("sender_numbers", senderNumbers);
    tqc.put("origin_code", originCode);
    claims.put("tqc", tqc);
    Map<String, Object> statusList = new LinkedHashMap<>();
    statusList.put("idx", statusListIndex);
    statusList.put("uri", statusListUri);
    claims.put("status", Collections.singletonMap("status_list", statusList));
    return claims;
  }

  /** {@code iss}: the relay id (a URI). */
  public String issuer() {
    return issuer;
  }

  /** {@code sub}: the reseller. */
  public ResellerId subject() {
    return subject;
  }

  /** {@code aud}: the relays this token is for. */
  public List<String> audience() {
    return audience;
  }

  /** {@code iat}. */
  public Instant issuedAt() {
    return issuedAt;
  }

  /** {@code nbf}. */
  public Instant notBefore() {
    return notBefore;
  }

  /** {@code exp}. */
  public Instant expiresAt() {
    return expiresAt;
  }

  /** {@code jti}. */
  public String tokenId() {
    return tokenId;
  }

  /** {@code cnf.jkt}: the RFC 7638 thumbprint of the reseller key the token is bound to. */
  public String keyThumbprint() {
    return keyThumbprint;
  }

  /** {@code tqc.cert_id}. */
  public String certificationId() {
    return certificationId;
  }

  /** {@code tqc.cert_exp}: the end of the certification itself. */
  public Instant certificationExpiresAt() {
    return certificationExpiresAt;
  }

  /** {@code tqc.scope}. */
  public List<String> scope() {
    return scope;
  }

  /** True if the scope includes {@code advertising}. */
  public boolean allowsAdvertising() {
    return scope.contains(SCOPE_ADVERTISING);
  }

  /** {@code tqc.sender_numbers}: pre-registered caller ids, digits only. */
  public List<String> senderNumbers() {
    return senderNumbers;
  }

  /** {@code tqc.origin_code}: the first-sender identification code (최초 발신자 식별코드). */
  public String originCode() {
    return originCode;
  }

  /** {@code status.status_list.idx}. */
  public int statusListIndex() {
    return statusListIndex;
  }

  /** {@code status.status_list.uri}. */
  public String statusListUri() {
    return statusListUri;
  }

  /** A builder holding these claims, to derive a modified copy. */
  public Builder newBuilder() {
    return new Builder()
        .issuer(issuer).subject(subject).audience(audience).issuedAt(issuedAt).notBefore(notBefore)
        .expiresAt(expiresAt).tokenId(tokenId).keyThumbprint(keyThumbprint)
        .certificationId(certificationId).certificationExpiresAt(certificationExpiresAt).scope(scope)
        .senderNumbers(senderNumbers).originCode(originCode).statusListIndex(statusListIndex)
        .statusListUri(statusListUri);
  }

  @Override
  public String toString() {
    return "CertificationClaims{iss=" + issuer + ", sub=" + subject + ", cert_id=" + certificationId
        + ", exp=" + expiresAt + "}";
  }

  /** Builds {@link CertificationClaims}; {@code audience} defaults to the issuer, {@code nbf} to {@code iat}. */
  public static final class Builder {
    private String issuer;
    private ResellerId subject;
    private List<String> audience = new ArrayList<>();
    private Instant issuedAt;
    private Instant notBefore;
    private Instant expiresAt;
    private String tokenId;
    private String keyThumbprint;
    private String certificationId;
    private Instant certificationExpiresAt;
    private List<String> scope = Collections.singletonList(SCOPE_ADVERTISING);
    private List<String> senderNumbers = new ArrayList<>();
    private String originCode;
    private int statusListIndex;
    private String statusListUri;

    public Builder issuer(String issuer) {
      this.issuer = issuer;
      return this;
    }

    public Builder subject(ResellerId subject) {
      this.subject = subject;
      return this;
    }

    public Builder audience(List<String> audience) {
      this.audience = new ArrayList<>(audience);
      return this;
    }

    public Builder issuedAt(Instant issuedAt) {
      this.issuedAt = issuedAt;
      return this;
    }

    public Builder notBefore(Instant notBefore) {
      this.notBefore = notBefore;
      return this;
    }

    public Builder expiresAt(Instant expiresAt) {
      this.expiresAt = expiresAt;
      return this;
    }

    public Builder tokenId(String tokenId) {
      this.tokenId = tokenId;
      return this;
    }

    public Builder keyThumbprint(String keyThumbprint) {
      this.keyThumbprint = keyThumbprint;
      return this;
    }

    public Builder certificationId(String certificationId) {
      this.certificationId = certificationId;
      return this;
    }

    public Builder certificationExpiresAt(Instant certificationExpiresAt) {
      this.certificationExpiresAt = certificationExpiresAt;
      return this;
    }

    public Builder scope(List<String> scope) {
      this.scope = new ArrayList<>(scope);
      return this;
    }

    public Builder senderNumbers(List<String> senderNumbers) {
      this.senderNumbers = new ArrayList<>(senderNumbers);
      return this;
    }

    /**
     * The first-sender identification code (required): 9 digits, {@code -} and spaces ignored
     * (see {@link CertificationClaims#normalizeOriginCode}).
     */
    public Builder originCode(String originCode) {
      this.originCode = originCode;
      return this;
    }

    public Builder statusListIndex(int statusListIndex) {
      this.statusListIndex = statusListIndex;
      return this;
    }

    public Builder statusListUri(String statusListUri) {
      this.statusListUri = statusListUri;
      return this;
    }

    /** Validates and builds; throws {@link IllegalArgumentException} naming the first invalid claim. */
    public CertificationClaims build() {
      return new CertificationClaims(this);
    }
  }
}
