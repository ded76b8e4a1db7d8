/**
 * Real servers for tests: JUnit 5 extensions that start PostgreSQL and Redis from the machine's
 * binaries as child processes (temporary directory, free loopback port), hand the test its
 * connection settings and stop the server by PID. Without the binaries a test is skipped with a
 * message, except under {@code CI=true}, where it fails. Used only at test scope; not published.
 */
package io.tqc.testing;
