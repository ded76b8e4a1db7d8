/**
 * NHN Cloud Notification SMS, API v3.0: certified sends to {@code /sms/v3.0/appKeys/{appKey}/sender/sms}
 * and {@code /sender/ad-sms}. See {@link io.tqc.adapters.nhn.NhnCloudSmsAdapter}.
 */
package io.tqc.adapters.nhn;
