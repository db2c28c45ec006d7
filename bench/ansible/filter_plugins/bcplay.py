# What bc-play computes on the controller, for the Ansible side of the benchmark: the release id
# of a bundled service (node_release), the ed25519 pair derived from a secret (ssh_key), SCRAM
# verifiers (postgres_role) and the ufw commands a firewall state needs (ufw). Each function
# follows the TypeScript module it names, byte for byte where a file's content depends on it.
import base64
import hashlib
import hmac
import os
import re
import shlex
import unicodedata

from ansible.errors import AnsibleFilterError
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

_release_ids = {}


def release_id(directory):
    """lib/modules/support/bundle.ts fromFiles: sha256 over path\\0length\\0content, sorted, 12 hex."""
    root = os.path.abspath(directory)
    if root in _release_ids:
        return _release_ids[root]
    if not os.path.isdir(root):
        raise AnsibleFilterError('no release directory %s (the bench writes bc_releases_dir/SERVICE)' % root)
    paths = []
    for base, _dirs, files in os.walk(root):
        paths.extend(os.path.join(base, f) for f in files)
    digest = hashlib.sha256()
    for path in sorted(paths):
        with open(path, 'rb') as f:
            content = f.read()
        digest.update(('%s\0%d\0' % (os.path.relpath(path, root), len(content))).encode())
        digest.update(content)
    _release_ids[root] = digest.hexdigest()[:12]
    return _release_ids[root]


def releases_pending(readlinks, releases_dir, services):
    """release_pending per service: `SERVICE=TARGET` lines of readlink current; the services whose current is not the release."""
    current = dict(re.findall(r'(?m)^([a-z0-9-]+)=(.*)$', readlinks))
    return [s for s in services if current.get(s, '').rsplit('/', 1)[-1] != release_id(os.path.join(releases_dir, s))]


def _ssh_string(value):
    data = value.encode() if isinstance(value, str) else value
    return len(data).to_bytes(4, 'big') + data


def _pair(secret):
    seed = hashlib.sha256(('bc-play ssh_key\0' + secret).encode()).digest()
    public = Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return seed, public


def _public_blob(public):
    return _ssh_string('ssh-ed25519') + _ssh_string(public)


def ssh_public_key(secret, comment='bc-play'):
    """lib/modules/ssh-key.ts publicKeyLine."""
    _seed, public = _pair(secret)
    return 'ssh-ed25519 %s %s' % (base64.b64encode(_public_blob(public)).decode(), comment)


def ssh_private_key(secret, comment='bc-play'):
    """lib/modules/ssh-key.ts openSshPrivateKey: OpenSSH format, unencrypted, deterministic check bytes."""
    seed, public = _pair(secret)
    check = seed[:4]
    section = check + check + _ssh_string('ssh-ed25519') + _ssh_string(public) + _ssh_string(seed + public) + _ssh_string(comment)
    section += bytes(range(1, (8 - len(section) % 8) % 8 + 1))
    body = b'openssh-key-v1\0' + _ssh_string('none') + _ssh_string('none') + _ssh_string('') + (1).to_bytes(4, 'big')
    body += _ssh_string(_public_blob(public)) + _ssh_string(section)
    text = base64.b64encode(body).decode()
    lines = [text[i:i + 70] for i in range(0, len(text), 70)]
    return '\n'.join(['-----BEGIN OPENSSH PRIVATE KEY-----'] + lines + ['-----END OPENSSH PRIVATE KEY-----', ''])


def scram_verifier(password, salt=None, iterations=4096):
    """lib/modules/postgres-role.ts scramVerifier (a random salt unless given)."""
    salt = os.urandom(16) if salt is None else salt
    salted = hashlib.pbkdf2_hmac('sha256', unicodedata.normalize('NFKC', password).encode(), salt, iterations, 32)
    client_key = hmac.new(salted, b'Client Key', 'sha256').digest()
    stored_key = base64.b64encode(hashlib.sha256(client_key).digest()).decode()
    server_key = base64.b64encode(hmac.new(salted, b'Server Key', 'sha256').digest()).decode()
    return 'SCRAM-SHA-256$%d:%s$%s:%s' % (iterations, base64.b64encode(salt).decode(), stored_key, server_key)


def scram_matches(verifier, password):
    """lib/modules/postgres-role.ts verifierMatches."""
    m = re.match(r'^SCRAM-SHA-256\$(\d+):([^$]+)\$', verifier or '')
    return bool(m) and scram_verifier(password, base64.b64decode(m.group(2)), int(m.group(1))) == verifier


def _rule_text(rule):
    proto = rule.get('proto', 'tcp')
    source = rule.get('from', 'any')
    if source == 'any':
        return 'allow %s/%s' % (rule['port'], proto)
    return 'allow from %s to any port %s proto %s' % (source, rule['port'], proto)


def _rule_from_tuple(line):
    """lib/facts/ufw.ts ruleFromTuple: the text `ufw show added` prints for a plain user.rules tuple."""
    action, proto, dport, dst, sport, src, direction = line[len('### tuple ### '):].split(' ')[:7]
    anywhere = lambda address: address in ('0.0.0.0/0', '::/0')
    out = ' out' if direction == 'out' else ''
    if anywhere(dst) and anywhere(src) and sport == 'any' and dport != 'any':
        return '%s%s %s%s' % (action, out, dport, '' if proto == 'any' else '/' + proto)
    text = action + out
    for word, address, port in (('from', src, sport), ('to', dst, dport)):
        where = 'any' if anywhere(address) else address
        if where != 'any' or port != 'any':
            text += ' %s %s%s' % (word, where, '' if port == 'any' else ' port ' + port)
    if ' to ' not in text and ' from ' not in text:
        text += ' to any'
    return text if proto == 'any' else '%s proto %s' % (text, proto)


# lib/modules/ufw.ts FAIL2BAN_BAN: fail2ban's ufw bans are not drift, the purge keeps them.
_FAIL2BAN_BAN = re.compile(r"\bcomment '?by Fail2Ban\b")


def ufw_commands(fact, rules, default_incoming='deny', default_outgoing='allow', purge=True):
    """lib/modules/ufw.ts plan over lib/facts/ufw.ts parseUfw: policies, missing rules, enable, then purge."""
    sep = '@@bc-play-ufw@@\n'
    if fact.strip() == 'missing':
        status, defaults, added = '', '', ''
    else:
        status, defaults, added = (fact.split(sep) + ['', ''])[:3]
    policies = {'DROP': 'deny', 'ACCEPT': 'allow', 'REJECT': 'reject'}

    def policy(name, fallback):
        m = re.search(r'(?m)^DEFAULT_%s_POLICY="?([A-Z]+)"?' % name, defaults)
        return policies.get(m.group(1), m.group(1).lower()) if m else fallback

    present = []
    for line in (l.strip() for l in added.split('\n')):
        rule = line[4:] if line.startswith('ufw ') else _rule_from_tuple(line) if line.startswith('### tuple ### ') else None
        if rule is not None and rule not in present:
            present.append(rule)
    words = lambda text: ' '.join(shlex.quote(w) for w in text.split(' '))
    commands = []
    if policy('INPUT', 'deny') != default_incoming:
        commands.append('ufw default %s incoming' % shlex.quote(default_incoming))
    if policy('OUTPUT', 'allow') != default_outgoing:
        commands.append('ufw default %s outgoing' % shlex.quote(default_outgoing))
    wanted = [_rule_text(r) for r in rules]
    for rule in wanted:
        if rule not in present:
            commands.append('ufw ' + words(rule))
            present.append(rule)
    if not re.match(r'^Status: active', status.strip()):
        if not any(str(r['port']) == '22' for r in rules):
            raise AnsibleFilterError('ufw: refusing to enable the firewall without a rule for port 22')
        commands.append('ufw --force enable')
    if purge:
        commands.extend('ufw delete ' + words(rule) for rule in present if rule not in wanted and not _FAIL2BAN_BAN.search(rule))
    return commands


def ufw_ssh_rules(admin_cidrs, ssh_port):
    """roles/ufw: SSH from each admin CIDR, or from anywhere when there are none."""
    if not admin_cidrs:
        return [{'port': ssh_port, 'proto': 'tcp'}]
    return [{'port': ssh_port, 'proto': 'tcp', 'from': c} for c in admin_cidrs]


class FilterModule(object):
    def filters(self):
        return {
            'bcplay_release_id': release_id,
            'bcplay_releases_pending': releases_pending,
            'bcplay_ssh_public_key': ssh_public_key,
            'bcplay_ssh_private_key': ssh_private_key,
            'bcplay_scram_verifier': scram_verifier,
            'bcplay_scram_matches': scram_matches,
            'bcplay_ufw_commands': ufw_commands,
            'bcplay_ufw_ssh_rules': ufw_ssh_rules,
        }
