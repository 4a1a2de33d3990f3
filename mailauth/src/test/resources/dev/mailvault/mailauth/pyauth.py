"""The independent verifiers of the comparison table: pyspf and authheaders, asked through
dnspython's default resolver, which is pointed at the test's dnsmasq zone.

usage: pyauth.py PORT PSL spf IP MAILFROM HELO
       pyauth.py PORT PSL dmarc IP MAILFROM HELO FROMDOMAIN DKIMDOMAIN|-|@MESSAGEFILE
DKIMDOMAIN stands for a passing signature of that d=; @MESSAGEFILE is a signed message that dkimpy
verifies against the zone (its From domain is FROMDOMAIN). Prints "result" (spf) or "result policy" (dmarc) on one line. PSL is the public suffix list
authheaders finds organizational domains with."""
import sys

import dns.resolver

resolver = dns.resolver.Resolver(configure=False)
resolver.nameservers = ['127.0.0.1']
resolver.port = int(sys.argv[1])
resolver.lifetime = 5
dns.resolver.default_resolver = resolver

import authheaders.findpsl  # noqa: E402  (after the resolver is set)
import spf  # noqa: E402

# get_suffix_list_file_name() reads this attribute at each call.
authheaders.findpsl.location = sys.argv[2]

from authheaders import check_dkim, check_dmarc, check_spf  # noqa: E402
from authres import DKIMAuthenticationResult  # noqa: E402

mode, ip, mail_from, helo = sys.argv[3:7]
if mode == 'spf':
    result, _ = spf.check2(i=ip, s=mail_from, h=helo)
    print(result)
else:
    from_domain, dkim_domain = sys.argv[7:9]
    spf_result = check_spf(ip, mail_from, helo)
    dkim_result = None
    message = ('From: someone@' + from_domain + '\r\nSubject: t\r\n\r\nbody\r\n').encode()
    if dkim_domain.startswith('@'):
        with open(dkim_domain[1:], 'rb') as signed:
            message = signed.read()
        dkim_result = check_dkim(message)
    elif dkim_domain != '-':
        dkim_result = DKIMAuthenticationResult(result='pass', header_d=dkim_domain)
    dmarc = check_dmarc(message, spf_result, dkim_result)
    print(dmarc.result, getattr(dmarc, 'policy', None) or 'none')
