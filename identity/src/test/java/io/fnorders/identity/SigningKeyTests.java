package io.fnorders.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTests {

	@TempDir
	Path secrets;

	@Test
	void aMadeKeyIsKeptOwnerOnlyAndTheSameKeyIsReadAfterARestart() throws Exception {
		Path pem = this.secrets.resolve("keys").resolve("signing-key.pem");

		RSAKey made = SigningKey.load(pem, true);
		RSAKey readAgain = SigningKey.load(pem, false);

		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pem))).isEqualTo("rw-------");
		assertThat(Files.readString(pem)).startsWith("-----BEGIN PRIVATE KEY-----");
		assertThat(readAgain.getKeyID()).isEqualTo(made.getKeyID()).isEqualTo(made.computeThumbprint().toString());
		assertThat(readAgain.toRSAPrivateKey()).isEqualTo(made.toRSAPrivateKey());
		assertThat(made.size()).isEqualTo(2048);
	}

	@Test
	void aMissingKeyStopsTheServiceWhereItMayNotBeMade() {
		Path pem = this.secrets.resolve("absent.pem");

		assertThatIllegalStateException().isThrownBy(() -> SigningKey.load(pem, false))
			.withMessageContaining(pem.toString());
		assertThat(pem).doesNotExist();
	}

	@Test
	void aFileWithoutAKeyIsRefusedByName() throws Exception {
		Path pem = Files.writeString(this.secrets.resolve("wrong.pem"), "not a key\n");
		Path broken = Files.writeString(this.secrets.resolve("broken.pem"),
				"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

		assertThatIllegalStateException().isThrownBy(() -> SigningKey.load(pem, true))
			.withMessageContaining("wrong.pem");
		assertThatIllegalStateException().isThrownBy(() -> SigningKey.load(broken, true))
			.withMessageContaining("broken.pem");
	}

}
