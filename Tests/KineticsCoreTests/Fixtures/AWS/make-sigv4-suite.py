#!/usr/bin/env python3
"""Writes sigv4-testsuite.json: the requests of the AWS Signature V4 test suite (as AWS publishes them in
"Signature Version 4 test suite"), with the canonical request, string to sign and Authorization header
computed by botocore's own signer (pip botocore). Run it again after changing a case:

    python3 make-sigv4-suite.py > sigv4-testsuite.json
"""
import json
from urllib.parse import quote

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.compat import HTTPHeaders
from botocore.credentials import Credentials

ACCESS_KEY = "AKIDEXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
REGION, SERVICE, DATE = "us-east-1", "service", "20150830T123600Z"
UNRESERVED = "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
STS_TOKEN = (
    "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8"
    "YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6"
    "fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj"
    "2ICCR/oLxBA=="
)

# name: (method, path, query pairs, extra headers, body). Every request also has Host and X-Amz-Date.
CASES = {
    "get-header-key-duplicate": ("GET", "/", [], [("My-Header1", "value2"), ("My-Header1", "value2"), ("My-Header1", "value1")], ""),
    "get-header-value-multiline": ("GET", "/", [], [("My-Header1", "value1\n  value2\n     value3")], ""),
    "get-header-value-order": ("GET", "/", [], [("My-Header1", v) for v in ("value4", "value1", "value3", "value2")], ""),
    "get-header-value-trim": ("GET", "/", [], [("My-Header1", " value1"), ("My-Header2", ' "a   b   c"')], ""),
    "get-unreserved": ("GET", "/" + UNRESERVED, [], [], ""),
    "get-utf8": ("GET", "/\u1234", [], [], ""),
    "get-vanilla-empty-query-key": ("GET", "/", [("Param1", "value1")], [], ""),
    "get-vanilla-query-order-encoded": ("GET", "/", [("Param-3", "Value3"), ("Param", "Value2"), ("\u1234", "Value1")], [], ""),
    "get-vanilla-query-order-key-case": ("GET", "/", [("Param2", "value2"), ("Param1", "value1")], [], ""),
    "get-vanilla-query-order-key": ("GET", "/", [("Param1", "value2"), ("Param1", "Value1")], [], ""),
    "get-vanilla-query-order-value": ("GET", "/", [("Param1", "value2"), ("Param1", "value1")], [], ""),
    "get-vanilla-query-unreserved": ("GET", "/", [(UNRESERVED, UNRESERVED)], [], ""),
    "get-vanilla-query": ("GET", "/", [], [], ""),
    "get-vanilla-utf8-query": ("GET", "/", [("\u1234", "bar")], [], ""),
    "get-vanilla-with-session-token": ("GET", "/", [], [("X-Amz-Security-Token", "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267")], ""),
    "get-vanilla": ("GET", "/", [], [], ""),
    "get-relative-relative": ("GET", "/example1/example2/../..", [], [], ""),
    "get-relative": ("GET", "/example/..", [], [], ""),
    "get-slash-dot-slash": ("GET", "/./", [], [], ""),
    "get-slash-pointless-dot": ("GET", "/./example", [], [], ""),
    "get-slash": ("GET", "//", [], [], ""),
    "get-slashes": ("GET", "//example//", [], [], ""),
    "get-space": ("GET", "/example space/", [], [], ""),
    "get-special-character": ("GET", "/example/$delete", [], [], ""),
    "post-header-key-case": ("POST", "/", [], [], ""),
    "post-header-key-sort": ("POST", "/", [], [("My-Header1", "value1")], ""),
    "post-header-value-case": ("POST", "/", [], [("My-Header1", "VALUE1")], ""),
    "post-sts-header-after": ("POST", "/", [], [], ""),
    "post-sts-header-before": ("POST", "/", [], [("X-Amz-Security-Token", STS_TOKEN)], ""),
    "post-vanilla-empty-query-value": ("POST", "/", [("Param1", "value1")], [], ""),
    "post-vanilla-query": ("POST", "/", [("Param1", "value1")], [], ""),
    "post-vanilla": ("POST", "/", [], [], ""),
    "post-x-www-form-urlencoded-parameters": ("POST", "/", [], [("Content-Type", "application/x-www-form-urlencoded; charset=utf8")], "Param1=value1"),
    "post-x-www-form-urlencoded": ("POST", "/", [], [("Content-Type", "application/x-www-form-urlencoded")], "Param1=value1"),
}


def computed(method, path, query, extra, body):
    headers = [("Host", "example.amazonaws.com")] + list(extra) + [("X-Amz-Date", DATE)]
    http_headers = HTTPHeaders()
    for key, value in headers:
        http_headers[key] = value
    # botocore percent-encodes the path itself (once, as the suite expects), so it gets it raw.
    url = "https://example.amazonaws.com" + path
    if query:
        url += "?" + "&".join(f"{quote(k, safe='-_.~')}={quote(v, safe='-_.~')}" for k, v in query)
    request = AWSRequest(method=method, url=url, data=body.encode(), headers=http_headers)
    request.context["timestamp"] = DATE
    signer = SigV4Auth(Credentials(ACCESS_KEY, SECRET_KEY), SERVICE, REGION)
    canonical = signer.canonical_request(request)
    string_to_sign = signer.string_to_sign(request, canonical)
    signature = signer.signature(string_to_sign, request)
    signed = ";".join(sorted({k.lower() for k, _ in headers}))
    authorization = (
        f"AWS4-HMAC-SHA256 Credential={ACCESS_KEY}/{DATE[:8]}/{REGION}/{SERVICE}/aws4_request, "
        f"SignedHeaders={signed}, Signature={signature}"
    )
    return headers, canonical, string_to_sign, authorization


cases = []
for name, (method, path, query, extra, body) in CASES.items():
    headers, canonical, string_to_sign, authorization = computed(method, path, query, extra, body)
    cases.append({
        "name": name, "method": method, "path": path, "query": [list(q) for q in query],
        "headers": [list(h) for h in headers], "body": body,
        "canonicalRequest": canonical, "stringToSign": string_to_sign, "authorization": authorization,
    })

print(json.dumps({
    "about": "The requests of the AWS Signature V4 test suite, with the canonical request, string to sign and "
             "Authorization header botocore computes for them; written by make-sigv4-suite.py.",
    "accessKeyId": ACCESS_KEY, "secretAccessKey": SECRET_KEY, "region": REGION, "service": SERVICE,
    "cases": cases,
}, indent=1, ensure_ascii=False))
