package io.tqc.examples.adapters;

import io.tqc.adapters.ProviderException;
import io.tqc.adapters.ProviderReceipt;
import io.tqc.adapters.nhn.NhnCloudSmsAdapter;
import io.tqc.adapters.nhn.NhnSmsRequest;
import io.tqc.api.batch.BatchImage;
import io.tqc.client.NonCompliantBatchException;
import io.tqc.client.TqcClientException;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends a photo (MMS) advertising campaign through NHN Cloud, certified once: the reseller has
 * uploaded the JPEG to NHN Cloud (which answered an {@code attachFileId}) and still holds the file's
 * bytes; the TQC batch binds the image's SHA-256 digest and size, the one proof covers the exact
 * request NHN receives, and NHN gets the certification's origin code in {@code originCode}. Every
 * outcome is reported, none dropped: sent, non-compliant (fix the campaign), held (certification
 * not ACTIVE) or deferred (NHN unavailable, or refused: see the detail).
 */
public final class PhotoCampaign {
  /** What happened to the campaign. */
  public enum Status {
    /** NHN Cloud accepted it. */
    SENT,
    /** Subject, text or image break a rule (Art. 50 display, MMS limits): nothing sent. */
    NON_COMPLIANT,
    /** The certification is suspended, revoked, expired or unconfirmed: nothing sent; hold it. */
    HELD,
    /** NHN Cloud refused or could not be reached: see {@code detail}; retry only when it says so. */
    DEFERRED
  }

  /** The outcome: the batch id (when certified), the reason codes or the provider's detail. */
  public record Outcome(Status status, String batchId, List<String> reasons, String detail) {}

  /** One photo campaign: subject, text, the uploaded JPEG (id and bytes) and the recipients. */
  public record Campaign(String sender, String advertiser, String contact, String subject, String text,
      long attachFileId, byte[] jpeg, List<String> recipients) {}

  private final NhnCloudSmsAdapter nhn;

  /** A sender through {@code nhn}. */
  public PhotoCampaign(NhnCloudSmsAdapter nhn) {
    this.nhn = nhn;
  }

  /** Sends {@code campaign}, or says why not. Every recipient is assumed to have night-time consent. */
  public Outcome send(Campaign campaign) {
    NhnSmsRequest.Builder request = new NhnSmsRequest.Builder().sendNo(campaign.sender())
        .title(campaign.subject()).body(campaign.text())
        .addAttachment(campaign.attachFileId(), BatchImage.ofContent(campaign.jpeg()))
        .advertiser(campaign.advertiser(), campaign.contact());
    for (String to : campaign.recipients()) {
      request.addRecipient(to).nightConsent(to);
    }
    try {
      ProviderReceipt receipt = nhn.send(request.build());
      return new Outcome(Status.SENT, receipt.certification().batchId(), List.of(), receipt.requestId());
    } catch (NonCompliantBatchException e) {
      List<String> codes = new ArrayList<>();
      e.report().errorCodes().forEach(code -> codes.add(code.code()));
      return new Outcome(Status.NON_COMPLIANT, null, codes, e.getMessage());
    } catch (TqcClientException e) {
      return new Outcome(Status.HELD, null, List.of(e.reason().code()), e.getMessage());
    } catch (ProviderException e) {
      String batchId = e.certification() == null ? null : e.certification().batchId();
      return new Outcome(Status.DEFERRED, batchId, List.of(e.outcome().name()), e.getMessage());
    }
  }
}
