package dev.hoshi.gateway.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.hoshi.gateway.security.Caller;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * What one internal token costs the gateway to sign (and a service to verify) per key type, and what the minter's
 * cache costs on a hit. Not a test: run it on an idle machine with the JVM flags the gateway runs with.
 *
 * <pre>
 * ./mvnw -o -pl gateway -am test-compile
 * ./mvnw -o -q -pl gateway dependency:build-classpath -Dmdep.outputFile=/tmp/gw.cp
 * java -cp "$(cat /tmp/gw.cp):gateway/target/classes:gateway/target/test-classes" \
 *     dev.hoshi.gateway.token.SigningBenchmark
 * </pre>
 *
 * EdDSA is measured with the JDK's own Ed25519 {@link Signature} over the same signing input, since Nimbus signs
 * Ed25519 only with Google Tink on the classpath.
 */
public final class SigningBenchmark {

    private static final int WARMUP = 2_000;
    private static final int ROUNDS = 3_000;

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : ROUNDS;
        System.out.printf("JVM %s, %s%n", System.getProperty("java.vm.version"), inputArguments());
        JWTClaimsSet claims = claims();

        RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa").generate();
        report(
                "RS256 (RSA 2048)",
                rounds,
                jwsSign(JWSAlgorithm.RS256, new RSASSASigner(rsa), claims),
                jwsVerify(JWSAlgorithm.RS256, new RSASSASigner(rsa), new RSASSAVerifier(rsa.toRSAPublicKey()), claims));

        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec").generate();
        report(
                "ES256 (P-256)",
                rounds,
                jwsSign(JWSAlgorithm.ES256, new ECDSASigner(ec), claims),
                jwsVerify(JWSAlgorithm.ES256, new ECDSASigner(ec), new ECDSAVerifier(ec.toECPublicKey()), claims));

        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] input = new SignedJWT(new JWSHeader(JWSAlgorithm.EdDSA), claims).getSigningInput();
        Signature edSign = Signature.getInstance("Ed25519");
        byte[] edSignature = ed25519(edSign, ed, input);
        Signature edVerify = Signature.getInstance("Ed25519");
        report("EdDSA (Ed25519, JDK)", rounds, () -> ed25519(edSign, ed, input), () -> {
            edVerify.initVerify(ed.getPublic());
            edVerify.update(input);
            if (!edVerify.verify(edSignature)) {
                throw new IllegalStateException("Ed25519 did not verify");
            }
        });

        InternalTokenMinter minter = new InternalTokenMinter(
                InternalSigningKey.generate(),
                new InternalTokenProperties(
                        "hoshi-gateway",
                        "hoshi-services",
                        Duration.ofSeconds(60),
                        null,
                        Duration.ofSeconds(15),
                        10_000),
                Clock.systemUTC());
        Caller caller = Caller.user("bench", new TreeSet<>(List.of("platform_operator")), Optional.of("Bench"));
        report("RS256 minter, cache hit", rounds * 100, () -> minter.mint(caller, Optional.of("org-bench")), null);
    }

    private interface Step {
        void run() throws Exception;
    }

    private static Step jwsSign(JWSAlgorithm alg, JWSSigner signer, JWTClaimsSet claims) {
        return () -> {
            SignedJWT jwt = new SignedJWT(header(alg), claims);
            jwt.sign(signer);
            jwt.serialize();
        };
    }

    private static Step jwsVerify(JWSAlgorithm alg, JWSSigner signer, JWSVerifier verifier, JWTClaimsSet claims)
            throws Exception {
        SignedJWT signed = new SignedJWT(header(alg), claims);
        signed.sign(signer);
        String token = signed.serialize();
        return () -> {
            if (!SignedJWT.parse(token).verify(verifier)) {
                throw new IllegalStateException(alg + " did not verify");
            }
        };
    }

    private static byte[] ed25519(Signature signature, KeyPair pair, byte[] input) throws Exception {
        signature.initSign(pair.getPrivate());
        signature.update(input);
        return signature.sign();
    }

    private static void report(String name, int rounds, Step sign, Step verify) throws Exception {
        double signMicros = micros(sign, rounds);
        String verifyText = verify == null ? "" : String.format("   verify %8.1f µs", micros(verify, rounds));
        System.out.printf("%-26s sign %8.1f µs%s%n", name, signMicros, verifyText);
    }

    private static double micros(Step step, int rounds) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            step.run();
        }
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            step.run();
        }
        return (System.nanoTime() - start) / 1_000.0 / rounds;
    }

    private static JWSHeader header(JWSAlgorithm alg) {
        return new JWSHeader.Builder(alg).keyID("k").type(JOSEObjectType.JWT).build();
    }

    private static JWTClaimsSet claims() {
        Date now = new Date();
        return new JWTClaimsSet.Builder()
                .issuer("hoshi-gateway")
                .audience("hoshi-services")
                .subject("demo-sato")
                .issueTime(now)
                .expirationTime(new Date(now.getTime() + 60_000))
                .jwtID(UUID.randomUUID().toString())
                .claim("actor", "USER:demo-sato")
                .claim("roles", List.of("platform_operator"))
                .claim("org", "sato-seisakusho")
                .build();
    }

    private static String inputArguments() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean()
                .getInputArguments()
                .toString();
    }

    private SigningBenchmark() {}
}
