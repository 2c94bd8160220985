// The one display function: URL passwords (userinfo, also unparseable; `password=` parameters) and known secrets.
import assert from 'node:assert/strict';
import { display, maskUrl, rememberEnviron, rememberSecret, shown, urlPasswords } from '../../../server/src/secrets';
import { parseDbUrl, UrlError } from '../../../server/src/db/url';

describe('secrets', () => {
  it('masks a password given as a query parameter, in URLs, JSON RawQuery and key=value strings', () => {
    assert.equal(maskUrl('postgres://u@host/db?password=s3cret&sslmode=disable'), 'postgres://u@host/db?password=****&sslmode=disable');
    assert.equal(maskUrl('postgres://u@host/db?sslmode=disable&sslpassword=k3y'), 'postgres://u@host/db?sslmode=disable&sslpassword=****');
    assert.equal(display('{"RawQuery":"password=s3cret&sslmode=disable"}'), '{"RawQuery":"password=****&sslmode=disable"}');
    assert.equal(display('{"RawQuery":"sslmode=disable&password=s3cret"}'), '{"RawQuery":"sslmode=disable&password=****"}');
    assert.equal(display('host=h user=u password=s3cret dbname=d'), 'host=h user=u password=**** dbname=d');
  });

  it('masks a password holding unencoded / ? # @ up to the last @ of the authority', () => {
    assert.equal(maskUrl('postgres://u:pa/ss?w#rd@host/db'), 'postgres://u:****@host/db');
    assert.equal(maskUrl('postgres://u:p@ss?a=b@host:5432/db?sslmode=disable'), 'postgres://u:****@host:5432/db?sslmode=disable');
    assert.equal(maskUrl('postgres://u:pa?x=1@host'), 'postgres://u:****@host');
    assert.equal(display('Error: invalid database URL postgres://u:pa/ss?w#rd@host/db\n'), 'Error: invalid database URL postgres://u:****@host/db\n');
    assert.throws(
      () => parseDbUrl('postgres://u:pa/ss?w#rd@host/db'),
      (e: Error) => e instanceof UrlError && e.message === 'invalid database URL postgres://u:****@host/db',
    );
    // no password: an @ in a query value or a host:port stays as written
    assert.equal(maskUrl('postgres://host:5432/db?application_name=me@work'), 'postgres://host:5432/db?application_name=me@work');
    assert.equal(maskUrl('postgres://u:pw@host/db?x=a@b'), 'postgres://u:****@host/db?x=a@b');
  });

  it('a URL without // (user:password@host read as scheme "user") is masked in the error too', () => {
    assert.throws(() => parseDbUrl('u:Sch3meless@host/db'), {
      message: 'unsupported database URL scheme "u" in u:****@host/db (Atlas Workbench supports postgres://, postgresql://, docker://postgres/..., pglite://)',
    });
  });

  it('removes known secrets in every written form, longest first', () => {
    const s = 'Kn/own@Sec ret';
    const text = `raw ${s} enc ${encodeURIComponent(s)} query ${new URLSearchParams({ k: s }).toString().slice(2)} json ${JSON.stringify(s)}`;
    assert.equal(display(text, [s]), 'raw **** enc **** query **** json "****"');
    // a secret that is a URL stands for its password; the URL itself is shown masked
    assert.equal(display('at postgres://a:Url5ecret@h/d and Url5ecret', ['postgres://a:Url5ecret@h/d']), 'at postgres://a:****@h/d and ****');
    // two-letter secrets are masked inside URLs only (searching free text for them would eat the output)
    assert.equal(display('no pw here, postgres://a:pw@h/d', ['pw']), 'no pw here, postgres://a:****@h/d');
  });

  it('remembers URL passwords when parsing and secret-named environment values, not other values', () => {
    parseDbUrl('postgres://u:Parsed9Pw@h/d?sslmode=disable');
    parseDbUrl('postgres://u@h/d?sslmode=disable&password=Param9Pw');
    rememberEnviron({ PGPASSWORD: 'Env9Pass', API_TOKEN: 'Tok9en', DB_HOST: 'db.internal', DATABASE_URL: 'postgres://x:FromUrl9@h/d' });
    rememberSecret('Stored9Value');
    assert.equal(shown('Parsed9Pw Param9Pw Env9Pass Tok9en FromUrl9 Stored9Value db.internal'), '**** **** **** **** **** **** db.internal');
    assert.deepEqual(urlPasswords('postgres://u:a%2Fb@h/d?password=c'), ['a%2Fb', 'c']);
  });
});
