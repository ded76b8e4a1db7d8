/** Implementation details of the PostgreSQL stores: not API, may change in any release. */
package io.tqc.relay.postgres.internal;
