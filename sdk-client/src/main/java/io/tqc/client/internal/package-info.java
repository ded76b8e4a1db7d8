/**
 * Implementation details of the TQC client (token cache, status watcher, HTTP plumbing,
 * resilience wiring). Not an API: may change in any release.
 */
package io.tqc.client.internal;
