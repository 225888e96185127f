"""Tag=value lists (DKIM key records, RFC 6376 §3.2; DMARC records, RFC 7489 §6.4) and the
public key inside a DKIM record, read without a crypto library: base64, then DER."""

import base64
import binascii
from dataclasses import dataclass


def parse_tags(record: str) -> tuple[dict[str, str], list[str]]:
    """`v=DKIM1; k=rsa; p=MIIB…` → ({"v": "DKIM1", …}, problems). Tag names are lower-cased;
    values keep their case with surrounding and folding whitespace removed."""
    tags: dict[str, str] = {}
    problems = []
    for part in record.split(";"):
        if not part.strip():
            continue
        name, sep, value = part.partition("=")
        name = name.strip().lower()
        if not sep or not name:
            problems.append(f"«{part.strip()[:40]}»: etiket=değer biçiminde değil.")
            continue
        if name in tags:
            problems.append(f"{name}= etiketi birden fazla kez yazılmış.")
            continue
        tags[name] = "".join(value.split())
    return tags, problems


@dataclass(frozen=True)
class KeyInfo:
    ok: bool
    bits: int | None = None  # RSA modulus length
    problem: str = ""  # Turkish


def _der_item(data: bytes, offset: int) -> tuple[int, int, int]:
    """(tag, start of contents, end of contents) of the DER element at offset."""
    tag = data[offset]
    length = data[offset + 1]
    offset += 2
    if length & 0x80:
        size = length & 0x7F
        if size == 0 or size > 4:
            raise ValueError("unsupported DER length")
        length = int.from_bytes(data[offset : offset + size], "big")
        offset += size
    if offset + length > len(data):
        raise ValueError("DER element runs past the end")
    return tag, offset, offset + length


def rsa_modulus_bits(der: bytes) -> int:
    """The modulus length of a SubjectPublicKeyInfo or a bare RSAPublicKey (PKCS#1)."""
    tag, start, end = _der_item(der, 0)
    if tag != 0x30:
        raise ValueError("not a DER sequence")
    inner_tag, inner_start, inner_end = _der_item(der, start)
    if inner_tag == 0x30:  # SubjectPublicKeyInfo: AlgorithmIdentifier, then a BIT STRING
        bit_tag, bit_start, bit_end = _der_item(der, inner_end)
        if bit_tag != 0x03:
            raise ValueError("no BIT STRING")
        return rsa_modulus_bits(der[bit_start + 1 : bit_end])
    if inner_tag != 0x02:
        raise ValueError("no modulus INTEGER")
    modulus = der[inner_start:inner_end].lstrip(b"\x00")
    if not modulus:
        raise ValueError("empty modulus")
    _der_item(der, inner_end)  # the exponent must follow
    return len(modulus) * 8 - (8 - modulus[0].bit_length())


def read_key(key_type: str, value: str) -> KeyInfo:
    """The key of a non-empty p= tag (an empty one is a revoked key: dkim_dmarc.py)."""
    try:
        raw = base64.b64decode(value, validate=True)
    except binascii.Error:
        return KeyInfo(False, problem="p= değeri geçerli bir base64 metni değil.")
    if key_type == "ed25519":
        if len(raw) == 32:
            return KeyInfo(True, 256)
        return KeyInfo(False, problem="ed25519 anahtarı 32 bayt olmalı.")
    try:
        bits = rsa_modulus_bits(raw)
    except (ValueError, IndexError):
        return KeyInfo(
            False, problem="p= değeri çözülüyor ama içinden bir RSA açık anahtarı çıkmıyor."
        )
    return KeyInfo(True, bits)
