package io.tqc.examples.adapters;

import io.tqc.adapters.ProviderException;
import io.tqc.adapters.jdbc.AgentBatch;
import io.tqc.adapters.jdbc.AgentReceipt;
import io.tqc.adapters.jdbc.AgentTable;
import io.tqc.adapters.jdbc.AgentTableWriter;
import io.tqc.client.NonCompliantBatchException;
import io.tqc.client.TqcClient;
import io.tqc.client.TqcClientException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Puts advertising campaigns into a DB agent's {@code em_tran} table, certified. Every outcome is
 * reported, none dropped: written (with the agent's row ids), refused for content (fix the text),
 * refused by the certification gate (hold the campaign until the certification is ACTIVE again), or
 * deferred because the database failed (retry).
 */
public final class AgentOutbox {
  /** What happened to one campaign. */
  public enum Status {
    /** The rows are in the agent's table with their certification. */
    WRITTEN,
    /** The texts break Art. 50 rules: nothing written; fix the campaign. */
    NON_COMPLIANT,
    /** The certification is suspended, revoked, expired or unconfirmed: nothing written; hold it. */
    HELD,
    /** The database failed: nothing written (or unknown, see the detail); retry. */
    DEFERRED
  }

  /** One campaign's outcome. */
  public record Outcome(Status status, List<String> rowIds, String reason, String detail) {}

  /** One campaign: a sender number, an advertiser and one text to many recipients. */
  public record Campaign(String sender, String advertiser, String contact, String text, List<String> recipients) {}

  private final AgentTableWriter writer;

  /** An outbox writing to {@code agentDb}'s {@code em_tran}, certified by {@code tqc}. */
  public AgentOutbox(TqcClient tqc, DataSource agentDb) throws SQLException {
    this.writer = new AgentTableWriter.Builder().tqc(tqc).dataSource(agentDb).table(AgentTable.daouEmTran()).build();
    writer.createEvidenceTables();
  }

  /** Writes {@code campaign}, or says why not. Every recipient is assumed to have night-time consent. */
  public Outcome put(Campaign campaign) {
    AgentBatch.Builder batch = new AgentBatch.Builder().sender(campaign.sender())
        .advertiser(campaign.advertiser(), campaign.contact());
    for (String to : campaign.recipients()) {
      batch.addMessage(to, campaign.text()).nightConsent(to);
    }
    try {
      AgentReceipt receipt = writer.write(batch.build());
      return new Outcome(Status.WRITTEN, receipt.rowIds(), null, receipt.certification().batchId());
    } catch (NonCompliantBatchException e) {
      List<String> codes = new ArrayList<>();
      e.violations().forEach(v -> codes.add(v.code().code()));
      return new Outcome(Status.NON_COMPLIANT, List.of(), String.join(",", codes), e.detail());
    } catch (TqcClientException e) {
      return new Outcome(Status.HELD, List.of(), e.reason().code(), e.detail());
    } catch (ProviderException e) {
      return new Outcome(Status.DEFERRED, List.of(), e.outcome().name(), e.getMessage());
    }
  }
}
