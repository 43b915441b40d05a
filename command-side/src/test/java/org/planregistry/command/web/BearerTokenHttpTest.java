package org.planregistry.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.planregistry.command.CommandSideTest;
import org.planregistry.command.StoredEvent;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The production option: bearer JWTs from the organisation's identity provider, here a key pair this test makes
 * (the identity provider's public key is all the registry is given). Passwords keep working beside them.
 */
class BearerTokenHttpTest extends CommandSideTest {

    private static final KeyPair PROVIDER = keyPair();
    private static final KeyPair STRANGER = keyPair();

    @DynamicPropertySource
    static void identityProvider(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> publicKeyFile().toUri()
                .toString());
    }

    @Test
    void aTokensPersonAndRoleGoOntoTheEvent() {
        ResponseEntity<Map> adopted = send("/api/plans", """
                {"code": "JWT-ADOPT", "title": "By token", "adoptedOn": "2022-01-01",
                 "period": {"from": 2021, "to": 2025}}""",
                token(PROVIDER.getPrivate(), "li.wei", List.of("registrar", "offline_access"), Instant.now()));

        StoredEvent.answering(database, adopted, "JWT-ADOPT", "plan JWT-ADOPT", "JWT-ADOPT")
                .isA("PlanAdoptedEvent").by("li.wei", "REGISTRAR");
    }

    @Test
    void aTokenWithAnotherRoleIsForbiddenNamingTheRoleNeeded() {
        ResponseEntity<Map> refused = send("/api/plans/JWT-ADOPT/close", "{}",
                token(PROVIDER.getPrivate(), "zhang.min", List.of("reader"), Instant.now()));

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(refused.getBody()).containsEntry("neededRoles", List.of("REGISTRAR"))
                .containsEntry("instance", "/api/plans/JWT-ADOPT/close");
        assertThat((String) refused.getBody().get("detail")).startsWith("Signed in as zhang.min with the role READER");
    }

    @Test
    void aForgedOrExpiredTokenIsUnauthorized() {
        for (String token : List.of(token(STRANGER.getPrivate(), "li.wei", List.of("registrar"), Instant.now()),
                token(PROVIDER.getPrivate(), "li.wei", List.of("registrar"), Instant.now().minusSeconds(7200)))) {
            ResponseEntity<Map> refused = send("/api/plans", "{}", token);

            assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(refused.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .isTrue();
            assertThat(refused.getHeaders().get(HttpHeaders.WWW_AUTHENTICATE)).contains(
                    "Bearer error=\"invalid_token\"");
            assertThat((String) refused.getBody().get("detail")).startsWith("The bearer token was not accepted");
        }
    }

    @Test
    void passwordsStillWorkBesideTokens() {
        ResponseEntity<String> answer = registrar().postForEntity("/api/plans", new HttpEntity<>("{}", json()),
                String.class);

        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(http.postForEntity("/api/plans", new HttpEntity<>("{}", json()), String.class).getHeaders()
                .get(HttpHeaders.WWW_AUTHENTICATE)).containsExactlyInAnyOrder("Basic realm=\"plan-registry\"", "Bearer");
    }

    private ResponseEntity<Map> send(String path, String body, String token) {
        HttpHeaders headers = json();
        headers.setBearerAuth(token);
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), Map.class);
    }

    private static HttpHeaders json() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return headers;
    }

    private static String token(PrivateKey key, String person, List<String> roles, Instant issued) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder()
                    .subject("subject-of-" + person).claim("preferred_username", person).claim("roles", roles)
                    .issueTime(Date.from(issued)).expirationTime(Date.from(issued.plusSeconds(600))).build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path publicKeyFile() {
        try {
            Path file = Files.createTempFile("identity-provider", ".pem");
            Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                    .encodeToString(PROVIDER.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
