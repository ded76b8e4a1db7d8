/**
 * The relay side in someone else's HTTP stack: {@link io.tqc.examples.servlet.TqcBatchFilter} puts
 * the {@code sdk-relay} batch verifier in front of a relay operator's existing Jakarta Servlet
 * batch endpoint, and {@link io.tqc.examples.servlet.EmbeddedJettyRelay} wires it into a plain
 * embedded Jetty 12 (the same Jetty the reference server's Javalin runs on). Any servlet container
 * or framework that accepts a {@code jakarta.servlet.Filter} (Tomcat 10+, Spring Boot 3) takes the
 * filter unchanged.
 */
package io.tqc.examples.servlet;
