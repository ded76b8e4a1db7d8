/**
 * U+ 메시지허브 (LG U+ Message Hub) REST API: certified SMS sends to {@code /msg/v1/sms}, with the
 * certification's first-sender code in {@code agency.kisaOrigCode}. See
 * {@link io.tqc.adapters.msghub.MessageHubSmsAdapter}.
 */
package io.tqc.adapters.msghub;
