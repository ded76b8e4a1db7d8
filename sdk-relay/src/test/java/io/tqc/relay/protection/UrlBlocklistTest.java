package io.tqc.relay.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tqc.api.ReasonCode;
import io.tqc.api.batch.Batch;
import io.tqc.api.batch.BatchMessage;
import io.tqc.api.compliance.Link;
import io.tqc.relay.ContentPolicy;
import io.tqc.api.compliance.Violation;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class UrlBlocklistTest {
  static final Instant NOW = Instant.parse("2026-12-01T03:00:00Z");

  @Test
  void importReplacesTheListAsAWhole_reportingBadLines() throws Exception {
    UrlBlocklist list = new UrlBlocklist();
    UrlBlocklist.BlocklistImport first = list.importList("v1", NOW,
        Arrays.asList("evil-parcel.xyz", "https://bit.ly/3AbC", "not a host", "# comment", ""), NOW);
    assertThat(first.entries()).isEqualTo(2);
    assertThat(first.errors()).containsExactly("line 3: not a domain name or URL");
    assertThat(list.blockedBy(Link.find("http://m.evil-parcel.xyz/x").get(0))).isEqualTo("evil-parcel.xyz");
    assertThat(list.blockedBy(Link.find("bit.ly/3AbC?x").get(0))).isEqualTo("bit.ly/3AbC");
    list.importList("v2", NOW, Arrays.asList("other.top"), NOW);
    assertThat(list.blockedBy(Link.find("http://m.evil-parcel.xyz/x").get(0))).isNull();
    assertThat(list.history()).extracting(UrlBlocklist.BlocklistImport::version).containsExactly("v1", "v2");
    assertThatThrownBy(() -> list.importList(" ", NOW, Arrays.asList(), NOW)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void policyWithBlocklist_refusesListedLinks_andTheControlWithoutItDoesNot() throws Exception {
    UrlBlocklist list = new UrlBlocklist();
    list.importList("v1", NOW, Arrays.asList("evil-parcel.xyz"), NOW);
    Batch batch = new Batch.Builder().senderNumber("02-1234-5678").advertising(false)
        .addMessage(new BatchMessage("01012340000", "안내 http://evil-parcel.xyz/a"))
        .addMessage(new BatchMessage("01012340001", "안내 https://shop.example.kr")).build();
    RecipientProtectionPolicy withList = new RecipientProtectionPolicy.Builder().delegate(ContentPolicy.NONE)
        .urlBlocklist(list).build();
    assertThat(withList.check(batch, null, NOW)).extracting(Violation::code, Violation::messageIndex)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(ReasonCode.URL_BLOCKED, 0));
    RecipientProtectionPolicy without = new RecipientProtectionPolicy.Builder().delegate(ContentPolicy.NONE).build();
    assertThat(without.check(batch, null, NOW)).isEmpty();
  }
}
