package io.tqc.examples.servlet;

import io.tqc.api.http.BatchReceipt;
import io.tqc.api.http.MediaTypes;
import io.tqc.relay.AcceptedBatch;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.BlockingQueue;

/**
 * Stands in for a relay operator's existing batch endpoint: it reads the body as it always did and
 * queues it for delivery to the carriers (이동통신사), answering 202. The only TQC-aware line reads
 * the verified batch's id and first-sender identification code (최초 발신자 식별코드) from the
 * attribute the filter set, to stamp them on the queued work.
 */
public final class QueueingBatchServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** A batch handed to delivery: the relay's batch id, its origin code and the body bytes as received. */
  public record Queued(String batchId, String originCode, byte[] body) {}

  private final transient BlockingQueue<Queued> delivery;

  /** Queues accepted batches on {@code delivery}. */
  public QueueingBatchServlet(BlockingQueue<Queued> delivery) {
    this.delivery = delivery;
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    byte[] body = request.getInputStream().readAllBytes();
    AcceptedBatch accepted = (AcceptedBatch) request.getAttribute(TqcBatchFilter.ACCEPTED_BATCH);
    delivery.add(new Queued(accepted.batchId(), accepted.originCode(), body));
    response.setStatus(202);
    response.setContentType(MediaTypes.JSON_UTF8);
    response.getOutputStream().write(
        new BatchReceipt(accepted.batchId(), accepted.messageCount(), accepted.originCode()).toJsonBytes());
  }
}
