package io.tqc.api;

import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Every stable, machine-readable reason TQC gives for refusing something, shared by the
 * reseller client, the relay and the wire protocol.
 *
 * <p>The {@linkplain #code() code} (for example {@code token_expired}) is part of the protocol:
 * it appears unchanged in exceptions, in the relay's RFC 9457 problem documents
 * ({@code "code"} member and {@code "type": "urn:tqc:error:<code>"}) and in the documentation.
 * Codes are never renamed or reused; new codes may be added.
 *
 * <p>Each code also carries the HTTP status a relay answers with when the code refuses a request.
 */
public enum ReasonCode {
  // ---- Certification token: structure, header, signature, claims ----
  /** The token is not a well-formed compact JWS with JSON header and claims, or exceeds the size cap. */
  TOKEN_MALFORMED("token_malformed", 401, "Certification token malformed"),
  /** The token's {@code alg} is not {@code EdDSA}. */
  TOKEN_ALG_NOT_ALLOWED("token_alg_not_allowed", 401, "Token algorithm not allowed"),
  /** The token's {@code typ} is not {@code tqc-cert+jwt}. */
  TOKEN_TYPE_INVALID("token_type_invalid", 401, "Token type invalid"),
  /** The token's {@code kid} names no key in the relay's key set. */
  TOKEN_KEY_UNKNOWN("token_key_unknown", 401, "Token signing key unknown"),
  /** The token's signature does not verify with the named relay key. */
  TOKEN_SIGNATURE_INVALID("token_signature_invalid", 401, "Token signature invalid"),
  /** The token's {@code iss} is not the expected relay. */
  TOKEN_ISSUER_INVALID("token_issuer_invalid", 401, "Token issuer invalid"),
  /** The token's {@code aud} does not include the verifying relay. */
  TOKEN_AUDIENCE_INVALID("token_audience_invalid", 401, "Token audience invalid"),
  /** The token's {@code nbf} is in the future (beyond the allowed clock skew). */
  TOKEN_NOT_YET_VALID("token_not_yet_valid", 401, "Token not yet valid"),
  /** The token's {@code exp} has passed (beyond the allowed clock skew). */
  TOKEN_EXPIRED("token_expired", 401, "Token expired"),
  /** The certification itself ({@code tqc.cert_exp}) has ended. */
  CERTIFICATION_EXPIRED("certification_expired", 403, "Certification expired"),

  // ---- Batch proof ----
  /** The batch proof is not a well-formed compact JWS, or exceeds the size cap. */
  PROOF_MALFORMED("proof_malformed", 401, "Batch proof malformed"),
  /** The proof's {@code alg} is not {@code EdDSA}. */
  PROOF_ALG_NOT_ALLOWED("proof_alg_not_allowed", 401, "Proof algorithm not allowed"),
  /** The proof's {@code typ} is not {@code tqc-batch+jwt}. */
  PROOF_TYPE_INVALID("proof_type_invalid", 401, "Proof type invalid"),
  /** The proof's signature does not verify with the key in its header. */
  PROOF_SIGNATURE_INVALID("proof_signature_invalid", 401, "Proof signature invalid"),
  /** The proof's {@code aud} is not the verifying relay. */
  PROOF_AUDIENCE_INVALID("proof_audience_invalid", 401, "Proof audience invalid"),
  /** The key that signed the proof is not the key the token is bound to ({@code cnf.jkt}). */
  PROOF_KEY_MISMATCH("proof_key_mismatch", 401, "Proof key does not match token"),
  /** The proof's {@code iat} is outside the acceptance window. */
  PROOF_STALE("proof_stale", 401, "Proof outside acceptance window"),
  /** The proof's {@code ath} is not the digest of the presented token. */
  PROOF_TOKEN_MISMATCH("proof_token_mismatch", 401, "Proof bound to another token"),
  /** The proof's {@code bh} is not the digest of the batch bytes received. */
  BATCH_DIGEST_MISMATCH("batch_digest_mismatch", 401, "Batch digest mismatch"),
  /** The proof's {@code n} is not the number of messages in the batch. */
  BATCH_COUNT_MISMATCH("batch_count_mismatch", 401, "Batch message count mismatch"),

  // ---- Live certification state (relay) ----
  /** The certification is suspended (it may be reinstated). */
  CERTIFICATION_SUSPENDED("certification_suspended", 403, "Certification suspended"),
  /** The certification is revoked (terminal). */
  CERTIFICATION_REVOKED("certification_revoked", 403, "Certification revoked"),
  /** The relay knows no certification for this token's subject or certification id. */
  CERTIFICATION_UNKNOWN("certification_unknown", 403, "Certification unknown"),
  /** The token does not grant the advertising scope. */
  SCOPE_INSUFFICIENT("scope_insufficient", 403, "Scope insufficient"),
  /** The proof's batch id was already used within the acceptance window. */
  BATCH_REPLAYED("batch_replayed", 409, "Batch replayed"),
  /** The batch's sender number is not one of the token's pre-registered sender numbers. */
  SENDER_NUMBER_NOT_REGISTERED("sender_number_not_registered", 422, "Sender number not registered"),

  // ---- Batch body ----
  /** The batch body is not valid JSON of the batch shape. */
  BATCH_MALFORMED("batch_malformed", 400, "Batch body malformed"),
  /** The batch exceeds the relay's size or message-count cap. */
  BATCH_TOO_LARGE("batch_too_large", 413, "Batch too large"),

  // ---- Token issuance ----
  /** The client assertion is malformed, badly signed, expired, for another audience or replayed. */
  ASSERTION_INVALID("assertion_invalid", 401, "Client assertion invalid"),
  /** The relay has no registered reseller with this id. */
  RESELLER_UNKNOWN("reseller_unknown", 401, "Reseller unknown"),
  /** A reseller id is not a valid Korean business registration number. */
  RESELLER_ID_INVALID("reseller_id_invalid", 400, "Reseller id invalid"),

  // ---- Keys, statuses, status lists ----
  /** A JWK or JWK set is malformed or not an allowed key type. */
  KEY_INVALID("key_invalid", 400, "Key invalid"),
  /** A signed status is malformed, badly signed, for another subject or outdated. */
  STATUS_INVALID("status_invalid", 502, "Signed status invalid"),
  /** A status list or status list token is malformed. */
  STATUS_LIST_INVALID("status_list_invalid", 502, "Status list invalid"),

  // ---- Client side ----
  /** The client holds no usable certification token yet (first fetch pending or failed). */
  NOT_CERTIFIED("not_certified", 503, "Not certified yet"),
  /** No signed ACTIVE status was confirmed recently enough; the client fails closed. */
  STATUS_UNAVAILABLE("status_unavailable", 503, "Certification status unavailable"),
  /** The relay refused a request with a code this client does not map to a specific type. */
  RELAY_REFUSED("relay_refused", 502, "Relay refused the request"),
  /**
   * The relay could not be reached or answered with something that is not the TQC contract; also
   * answered by a relay (503 with {@code Retry-After}) while it is starting, or when a check it must
   * not skip (its replay cache, its store) cannot run now. Always retryable; nothing was accepted.
   */
  RELAY_UNAVAILABLE("relay_unavailable", 503, "Relay unavailable"),

  // ---- Relay operations ----
  /** Missing or wrong administrator credentials. */
  UNAUTHORIZED("unauthorized", 401, "Unauthorized"),
  /** A request is well-formed JSON but names something invalid (admin API, parameters). */
  REQUEST_INVALID("request_invalid", 400, "Request invalid"),
  /** No endpoint of the relay has this path. */
  NOT_FOUND("not_found", 404, "Not found"),
  /** The endpoint exists but does not take this HTTP method. */
  METHOD_NOT_ALLOWED("method_not_allowed", 405, "Method not allowed"),
  /** The request body is not of the media type the endpoint takes ({@code application/json}). */
  UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", 415, "Unsupported media type"),
  /**
   * The request's header section is larger than the relay accepts (far more than a token and a
   * proof at their size caps need).
   */
  REQUEST_HEADERS_TOO_LARGE("request_headers_too_large", 431, "Request headers too large"),
  /** The requested state change is not allowed (for example reinstating a revoked certification). */
  TRANSITION_NOT_ALLOWED("transition_not_allowed", 409, "Status transition not allowed"),
  /** Too many requests; retry after the indicated delay. */
  RATE_LIMITED("rate_limited", 429, "Too many requests"),
  /**
   * The batch would exceed a message quota of the reseller or of its first-sender code (per Asia/Seoul
   * day or per minute); nothing of it was accepted. A deferral: send it again after {@code Retry-After}
   * (the next quota window).
   */
  QUOTA_EXCEEDED("quota_exceeded", 429, "Quota exceeded"),
  /** The same spam report (same source and reference, or same time, recipient and text) was already recorded. */
  REPORT_DUPLICATE("report_duplicate", 409, "Report duplicated"),
  /** A spam report's received time is older than the relay keeps its traceback index. */
  REPORT_OUT_OF_RETENTION("report_out_of_retention", 422, "Report past retention"),
  /** An unexpected failure inside the relay. */
  INTERNAL_ERROR("internal_error", 500, "Internal error"),

  // ---- Advertising-content compliance (정보통신망법 Art. 50, 전기통신사업법 Art. 84-2) ----
  /** An advertising message does not begin with {@code (광고)}. */
  AD_MARKER_MISSING("ad_marker_missing", 422, "Advertising marker missing"),
  /** An advertising message begins with a look-alike of {@code (광고)}. */
  AD_MARKER_MALFORMED("ad_marker_malformed", 422, "Advertising marker malformed"),
  /** The advertiser's name does not follow the marker. */
  ADVERTISER_NAME_MISSING("advertiser_name_missing", 422, "Advertiser name missing"),
  /** The advertiser's contact is not in the text. */
  ADVERTISER_CONTACT_MISSING("advertiser_contact_missing", 422, "Advertiser contact missing"),
  /** No free opt-out means ({@code 무료거부} / {@code 무료수신거부}) in the text. */
  OPT_OUT_MISSING("opt_out_missing", 422, "Free opt-out missing"),
  /** The opt-out number is not a valid 080 number. */
  OPT_OUT_NUMBER_INVALID("opt_out_number_invalid", 422, "Opt-out number invalid"),
  /** A night-time (21:00–08:00 KST) advertising message lacks separate night consent. */
  NIGHT_CONSENT_MISSING("night_consent_missing", 422, "Night-time consent missing"),
  /** A batch marked non-advertising contains advertising messages. */
  ADVERTISING_MISLABELLED("advertising_mislabelled", 422, "Advertising mislabelled"),
  /** The sender number is not a valid Korean caller id. */
  SENDER_NUMBER_INVALID("sender_number_invalid", 422, "Sender number invalid"),
  /** A recipient number is not a valid Korean mobile number. */
  RECIPIENT_NUMBER_INVALID("recipient_number_invalid", 422, "Recipient number invalid"),
  /** A recipient appears more than once in a batch. */
  RECIPIENT_DUPLICATE("recipient_duplicate", 422, "Recipient duplicated"),
  /** A text contains characters not encodable in EUC-KR. */
  TEXT_NOT_ENCODABLE("text_not_encodable", 422, "Text not encodable"),
  /** A text is longer than an LMS (2,000 EUC-KR bytes). */
  TEXT_TOO_LONG("text_too_long", 422, "Text too long"),
  /** The subject of an LMS or MMS is longer than 40 EUC-KR bytes. */
  SUBJECT_TOO_LONG("subject_too_long", 422, "Subject too long"),
  /** An MMS carries more images than the policy allows (3 by default). */
  MMS_TOO_MANY_IMAGES("mms_too_many_images", 422, "Too many MMS images"),
  /** An MMS image is larger than the policy allows (300 KiB by default). */
  MMS_IMAGE_TOO_LARGE("mms_image_too_large", 422, "MMS image too large"),

  // ---- Recipient protection: smishing links, sender-number lists, opt-outs ----
  /**
   * A link's domain or URL is on the relay's imported blocklist (for example reported smishing
   * sites). Basis: relay screening against 정보통신망법 제48조제2항 (malicious programs) and
   * 제49조의2 (collecting personal data by deception); not a display rule.
   */
  URL_BLOCKED("url_blocked", 422, "Link blocked"),
  /** A link goes through a URL shortener that hides its destination (relay screening, not statutory). */
  URL_SHORTENER("url_shortener", 422, "Link shortener not allowed"),
  /**
   * A link's domain imitates a protected brand (bank, card company, delivery firm, government agency)
   * by edit distance, confusable characters or the brand's name on a domain it does not own. Basis as
   * {@link #URL_BLOCKED}.
   */
  LOOKALIKE_DOMAIN("lookalike_domain", 422, "Look-alike domain"),
  /** The advertiser keeps a link allowlist and a link's domain is not on it (relay or contract rule). */
  URL_NOT_ALLOWED("url_not_allowed", 422, "Link not on the advertiser's allowlist"),
  /**
   * A link is written to evade screening: {@code hxxp}, spaces or Hangul / full-width dots inside the
   * host, user-info before the host, a numeric host or mixed-script host (relay screening).
   */
  URL_OBFUSCATED("url_obfuscated", 422, "Obfuscated link"),
  /**
   * The sender number is on KISA's list of stolen numbers (번호도용 문자 차단 목록). Basis:
   * 전기통신사업법 제84조의2 (caller-id falsification). A terminated, suspended or unassigned number is
   * {@link #SENDER_NUMBER_INVALID}.
   */
  SENDER_NUMBER_STOLEN("sender_number_stolen", 422, "Sender number reported stolen"),
  /**
   * A recipient of an advertising message has opted out from (or withdrawn consent to) this
   * advertiser's messages. Basis: 정보통신망법 제50조제2항 (no advertising after 수신거부 or withdrawal
   * of consent).
   */
  RECIPIENT_OPTED_OUT("recipient_opted_out", 422, "Recipient opted out"),
  /**
   * An external screening service the relay consults (URL screening, sender-number validity) did not
   * answer in time and the relay fails closed: retry the same batch later. A relay may configure the
   * check to warn instead.
   */
  SCREENING_UNAVAILABLE("screening_unavailable", 503, "Screening service unavailable"),
  /**
   * An opt-out provider pushed an event id it already used for a different opt-out (an exact replay
   * is answered as a duplicate, not refused).
   */
  EVENT_ID_CONFLICT("event_id_conflict", 409, "Event id reused");

  private static final String TYPE_PREFIX = "urn:tqc:error:";
  private static final Map<String, ReasonCode> BY_CODE;

  static {
    Map<String, ReasonCode> map = new HashMap<>();
    for (ReasonCode reason : values()) {
      map.put(reason.code, reason);
    }
    BY_CODE = Collections.unmodifiableMap(map);
  }

  private final String code;
  private final int httpStatus;
  private final String title;

  ReasonCode(String code, int httpStatus, String title) {
    this.code = code;
    this.httpStatus = httpStatus;
    this.title = title;
  }

  /** The stable wire code, lower snake case, e.g. {@code token_expired}. */
  public String code() {
    return code;
  }

  /** The HTTP status a relay answers with when this reason refuses a request. */
  public int httpStatus() {
    return httpStatus;
  }

  /** A short human title, used as the problem document's {@code title}. */
  public String title() {
    return title;
  }

  /**
   * What a sender does about this refusal: retry later, wait for the relay, fix the batch or stop
   * (see {@link Disposition}).
   */
  public Disposition disposition() {
    switch (this) {
      case RELAY_UNAVAILABLE:
      case RATE_LIMITED:
      case QUOTA_EXCEEDED:
      case SCREENING_UNAVAILABLE:
      case INTERNAL_ERROR:
      case TOKEN_EXPIRED:
      case TOKEN_NOT_YET_VALID:
      case TOKEN_KEY_UNKNOWN:
      case TOKEN_SIGNATURE_INVALID:
      case PROOF_STALE:
        return Disposition.RETRY_LATER;
      case NOT_CERTIFIED:
      case STATUS_UNAVAILABLE:
      case STATUS_INVALID:
      case STATUS_LIST_INVALID:
      case CERTIFICATION_SUSPENDED:
      case CERTIFICATION_UNKNOWN:
        return Disposition.WAIT_FOR_RELAY;
      case BATCH_MALFORMED:
      case BATCH_TOO_LARGE:
      case BATCH_DIGEST_MISMATCH:
      case BATCH_COUNT_MISMATCH:
      case SENDER_NUMBER_NOT_REGISTERED:
      case UNSUPPORTED_MEDIA_TYPE:
      case AD_MARKER_MISSING:
      case AD_MARKER_MALFORMED:
      case ADVERTISER_NAME_MISSING:
      case ADVERTISER_CONTACT_MISSING:
      case OPT_OUT_MISSING:
      case OPT_OUT_NUMBER_INVALID:
      case NIGHT_CONSENT_MISSING:
      case ADVERTISING_MISLABELLED:
      case SENDER_NUMBER_INVALID:
      case RECIPIENT_NUMBER_INVALID:
      case RECIPIENT_DUPLICATE:
      case TEXT_NOT_ENCODABLE:
      case TEXT_TOO_LONG:
      case SUBJECT_TOO_LONG:
      case MMS_TOO_MANY_IMAGES:
      case MMS_IMAGE_TOO_LARGE:
      case URL_BLOCKED:
      case URL_SHORTENER:
      case LOOKALIKE_DOMAIN:
      case URL_NOT_ALLOWED:
      case URL_OBFUSCATED:
      case SENDER_NUMBER_STOLEN:
      case RECIPIENT_OPTED_OUT:
        return Disposition.FIX_BATCH;
      default:
        return Disposition.STOP;
    }
  }

  /** The RFC 9457 problem type URI, {@code urn:tqc:error:<code>}. */
  public String problemType() {
    return TYPE_PREFIX + code;
  }

  /**
   * Returns the reason with this wire code, or {@code null} when the code is not known to this
   * version (a newer peer may send codes this version has never heard of).
   */
  public static ReasonCode fromCode(String code) {
    return code == null ? null : BY_CODE.get(code.toLowerCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return code;
  }
}
