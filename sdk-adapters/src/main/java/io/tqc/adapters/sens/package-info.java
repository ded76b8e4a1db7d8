/**
 * Naver Cloud Platform SENS (Simple &amp; Easy Notification Service) SMS API v2: certified sends to
 * {@code /sms/v2/services/{serviceId}/messages}. See {@link io.tqc.adapters.sens.SensSmsAdapter}.
 */
package io.tqc.adapters.sens;
