"""Single sign-on test support: the council's group configuration and a tiny OpenID provider.

FakeProvider is a real HTTP server on loopback (a thread) with authorize, token, jwks and userinfo
endpoints, signing id tokens with an RS256 key made for the test: the code flow runs over real HTTP,
as it would against Microsoft Entra ID, with no network beyond 127.0.0.1."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

CLIENT_ID = "front-door-test"
CLIENT_SECRET = "not-a-real-secret"
GROUP_ROLES = {
    "grp-admin": "admin",
    "grp-manager": "manager",
    "grp-csw": "csw",
    "grp-receiving": "receiving",
    "grp-mash": "mash_partner",
}
GROUP_TEAMS = {"grp-cads": "cads", "grp-fast": "FAST Norwich"}
GROUP_AGENCIES = {"grp-police": "norfolk-police"}


def configure(settings, *, base_url: str = "https://idp.invalid") -> None:
    settings.FRONTDOOR_OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{base_url}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{base_url}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{base_url}/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{base_url}/jwks"
    settings.OIDC_OP_ISSUER = f"{base_url}/v2.0"
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.FRONTDOOR_OIDC_GROUP_ROLES = dict(GROUP_ROLES)
    settings.FRONTDOOR_OIDC_GROUP_TEAMS = dict(GROUP_TEAMS)
    settings.FRONTDOOR_OIDC_GROUP_AGENCIES = dict(GROUP_AGENCIES)


def claims_for(username: str = "sam.jones@council.invalid", *, groups=("grp-csw", "grp-cads"), **extra) -> dict:
    return {
        "sub": "sub-" + username,
        "preferred_username": username,
        "email": username,
        "given_name": "Sam",
        "family_name": "Jones",
        "name": "Sam Jones",
        "groups": list(groups),
        **extra,
    }


class FakeProvider:
    """An OpenID provider for one test: set .claims to the user who will "sign in" at the provider."""

    def __init__(self):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = secrets.token_hex(4)
        self.claims: dict = claims_for()
        self.codes: dict[str, dict] = {}
        self.tokens: dict[str, dict] = {}
        self.requests: list[str] = []
        self.audience = CLIENT_ID  # whom the id tokens are for
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def id_token(self, *, nonce: str, issuer: str | None = None) -> str:
        now = int(time.time())
        payload = {
            **{k: v for k, v in self.claims.items() if k != "email"},  # as Entra: e-mail from userinfo
            "iss": issuer or f"{self.url}/v2.0",
            "aud": self.audience,
            "iat": now,
            "nbf": now,
            "exp": now + 3600,
            "nonce": nonce,
        }
        return jwt.encode(payload, self.key, algorithm="RS256", headers={"kid": self.kid})

    def _handler(provider):  # noqa: N805 (the handler class closes over the provider)
        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, body: dict, status: int = 200):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                url = urlsplit(self.path)
                provider.requests.append(f"GET {url.path}")
                if url.path == "/authorize":
                    q = {k: v[0] for k, v in parse_qs(url.query).items()}
                    code = secrets.token_urlsafe(16)
                    provider.codes[code] = {**q, "claims": dict(provider.claims)}
                    self.send_response(302)
                    self.send_header(
                        "Location", f"{q['redirect_uri']}?{urlencode({'code': code, 'state': q['state']})}"
                    )
                    self.end_headers()
                elif url.path == "/jwks":
                    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(provider.key.public_key()))
                    self._json({"keys": [{**jwk, "kid": provider.kid, "alg": "RS256", "use": "sig"}]})
                elif url.path == "/userinfo":
                    token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                    claims = provider.tokens.get(token)
                    if claims is None:
                        self._json({"error": "invalid_token"}, 401)
                        return
                    self._json(
                        {k: claims[k] for k in ("sub", "email", "name", "given_name", "family_name") if k in claims}
                    )
                else:
                    self._json({"error": "not_found"}, 404)

            def do_POST(self):
                provider.requests.append(f"POST {self.path}")
                form = {
                    k: v[0] for k, v in parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode()).items()
                }
                grant = provider.codes.pop(form.get("code", ""), None)
                if (
                    self.path != "/token"
                    or grant is None
                    or form.get("client_id") != CLIENT_ID
                    or form.get("client_secret") != CLIENT_SECRET
                    or form.get("redirect_uri") != grant["redirect_uri"]
                ):
                    self._json({"error": "invalid_grant"}, 400)
                    return
                if "code_challenge" in grant:  # PKCE (S256)
                    digest = hashlib.sha256(form.get("code_verifier", "").encode()).digest()
                    if base64.urlsafe_b64encode(digest).rstrip(b"=").decode() != grant["code_challenge"]:
                        self._json({"error": "invalid_grant", "error_description": "PKCE"}, 400)
                        return
                access_token = secrets.token_urlsafe(16)
                provider.tokens[access_token] = grant["claims"]
                saved, provider.claims = provider.claims, grant["claims"]
                try:
                    id_token = provider.id_token(nonce=grant["nonce"])
                finally:
                    provider.claims = saved
                self._json({"access_token": access_token, "id_token": id_token, "token_type": "Bearer"})

        return Handler
