/**
 * The operator console of the reference relay: a web page (Korean first, English available) for
 * relay staff, served under {@code /console/}. It adds no privileged path: the page's script calls
 * the admin HTTP API ({@code /v1/admin/...}) through a session, and this package is only the login,
 * session, CSRF and role layer in front of it (see {@link io.tqc.examples.console.Console}).
 */
package io.tqc.examples.console;
