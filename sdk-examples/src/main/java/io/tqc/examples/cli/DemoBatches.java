package io.tqc.examples.cli;

import io.tqc.api.batch.Batch;
import io.tqc.api.batch.BatchMessage;

/**
 * The demo's advertising batches: two advertisers (광고주) of the reseller, each with one of its
 * pre-registered sender numbers, and texts that follow 정보통신망법 제50조: they begin with
 * {@code (광고)}, name the advertiser right after it, give a contact and a free 080 opt-out
 * number (무료거부). Every recipient has separate night-time consent (야간 수신 동의), so the
 * batches are lawful at any hour of the Korean day.
 */
final class DemoBatches {
  static final String BAKERY = "한빛베이커리";
  static final String BAKERY_CONTACT = "02-1234-5678";
  /** The bakery's sender number as registered and sent: digits only. */
  static final String BAKERY_SENDER = "0212345678";
  static final String MALL = "예시쇼핑몰";
  static final String MALL_CONTACT = "1588-1234";
  static final String MALL_SENDER = "15881234";
  static final String OPT_OUT = "080-123-4567";
  /** The phrase the tampering step changes after signing. */
  static final String DISCOUNT = "10% 할인";
  static final String TAMPERED_DISCOUNT = "90% 할인";

  private static final String[] BAKERY_OFFERS = {
      "겨울 신메뉴 출시 기념 전 품목 " + DISCOUNT + " (12/1~12/3)",
      "회원님께 3,000원 할인 쿠폰을 드립니다. 이번 주 일요일까지 사용 가능",
      "매장 방문 고객께 딸기 케이크 시식 행사를 진행합니다",
  };
  private static final String[] MALL_OFFERS = {
      "주말 특가! 겨울 패딩 최대 30% 할인",
      "첫 구매 고객께 무료배송 쿠폰을 드립니다",
      "장바구니 상품 " + DISCOUNT + " 쿠폰이 도착했습니다",
  };

  /** A registered sender number as people write it. */
  static String display(String sender) {
    return sender.equals(BAKERY_SENDER) ? BAKERY_CONTACT : sender.equals(MALL_SENDER) ? MALL_CONTACT : sender;
  }

  private int recipient;
  private int offer;

  /** The next bakery batch (sender 02-1234-5678) of {@code messages} messages. */
  Batch bakery(int messages) {
    String text = "(광고)" + BAKERY + "\n" + BAKERY_OFFERS[offer++ % BAKERY_OFFERS.length] + "\n문의 " + BAKERY_CONTACT
        + "\n무료거부 " + OPT_OUT;
    return batch(BAKERY_SENDER, BAKERY, BAKERY_CONTACT, text, messages);
  }

  /** The next shopping-mall batch (sender 1588-1234) of {@code messages} messages. */
  Batch mall(int messages) {
    String text = "(광고)" + MALL + " " + MALL_OFFERS[offer++ % MALL_OFFERS.length] + " 고객센터 " + MALL_CONTACT
        + " 무료수신거부 " + OPT_OUT;
    return batch(MALL_SENDER, MALL, MALL_CONTACT, text, messages);
  }

  /** A bakery batch whose text contains {@link #DISCOUNT}, for the tampering step. */
  Batch discounted(int messages) {
    String text = "(광고)" + BAKERY + "\n" + BAKERY_OFFERS[0] + "\n문의 " + BAKERY_CONTACT + "\n무료거부 " + OPT_OUT;
    return batch(BAKERY_SENDER, BAKERY, BAKERY_CONTACT, text, messages);
  }

  private Batch batch(String sender, String advertiser, String contact, String text, int messages) {
    Batch.Builder builder = new Batch.Builder().senderNumber(sender).advertising(true).advertiser(advertiser, contact);
    for (int i = 0; i < messages; i++) {
      recipient++;
      builder.addMessage(new BatchMessage(String.format("010-%04d-%04d", 2000 + recipient / 10_000,
          recipient % 10_000), text, true));
    }
    return builder.build();
  }
}
