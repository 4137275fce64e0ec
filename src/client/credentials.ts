/**
 * Tencent Cloud credentials. The secret key and the session token live in `#private` fields: they do not
 * show in `JSON.stringify`, `util.inspect`, `String()`, `Object.keys` or any error message. The key never
 * leaves this object: it signs through `sign()`.
 */
import { inspect } from 'node:util';
import { SpecValidationError, type Problem } from '../model/problems';
import { MissingCredentialsError } from './errors';
import { signAuthorization, type SignInput } from './signer';

/** The names Tencent's own Terraform provider reads. */
export const ENV_SECRET_ID = 'TENCENTCLOUD_SECRET_ID';
export const ENV_SECRET_KEY = 'TENCENTCLOUD_SECRET_KEY';
export const ENV_SECURITY_TOKEN = 'TENCENTCLOUD_SECURITY_TOKEN';

export interface CredentialsInput {
  readonly secretId: string;
  readonly secretKey: string;
  /** The session token of temporary (STS) credentials. */
  readonly securityToken?: string;
}

/** What a request signs, without the keys. */
export type UnsignedRequest = Omit<SignInput, 'secretId' | 'secretKey'>;

const REDACTED = '[redacted]';

export class Credentials {
  readonly secretId: string;
  readonly #secretKey: string;
  readonly #securityToken: string | undefined;

  constructor(input: CredentialsInput) {
    const problems: Problem[] = [];
    // Only `secretId` may be echoed: the secret values are reported by their presence, never their content.
    if (typeof input.secretId !== 'string' || input.secretId.trim() === '') {
      problems.push({ path: 'secretId', rule: 'must be a non-empty string', value: input.secretId });
    }
    if (typeof input.secretKey !== 'string' || input.secretKey === '') {
      problems.push({ path: 'secretKey', rule: 'must be a non-empty string', value: REDACTED });
    }
    if (input.securityToken !== undefined && (typeof input.securityToken !== 'string' || input.securityToken === '')) {
      problems.push({ path: 'securityToken', rule: 'must be a non-empty string when given', value: REDACTED });
    }
    if (problems.length > 0) throw new SpecValidationError(problems, 'credentials');
    this.secretId = input.secretId;
    this.#secretKey = input.secretKey;
    this.#securityToken = input.securityToken;
  }

  /** Whether these are temporary credentials that need a token header. */
  get hasSecurityToken(): boolean {
    return this.#securityToken !== undefined;
  }

  /** The session token, for the `x-cos-security-token` / `x-ci-security-token` header only. */
  securityToken(): string | undefined {
    return this.#securityToken;
  }

  /** The `Authorization` value for a request (ci-api.md §2), signed with the secret key held here. */
  sign(request: UnsignedRequest): string {
    return signAuthorization({ ...request, secretId: this.secretId, secretKey: this.#secretKey });
  }

  /** `text` with every occurrence of the secret key and the token replaced by `[redacted]`. */
  redact(text: string): string {
    let out = text.split(this.#secretKey).join(REDACTED);
    if (this.#securityToken) out = out.split(this.#securityToken).join(REDACTED);
    return out;
  }

  toJSON(): { secretId: string; secretKey: string; securityToken?: string } {
    return {
      secretId: this.secretId,
      secretKey: REDACTED,
      ...(this.#securityToken !== undefined ? { securityToken: REDACTED } : {}),
    };
  }

  toString(): string {
    return `Credentials { secretId: ${this.secretId}, secretKey: ${REDACTED}${this.#securityToken !== undefined ? `, securityToken: ${REDACTED}` : ''} }`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

/**
 * Credentials from `TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY` and optional
 * `TENCENTCLOUD_SECURITY_TOKEN`. Throws `MissingCredentialsError` naming every missing variable.
 */
export function credentialsFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): Credentials {
  const secretId = env[ENV_SECRET_ID];
  const secretKey = env[ENV_SECRET_KEY];
  const token = env[ENV_SECURITY_TOKEN];
  const missing: string[] = [];
  if (!secretId || secretId.trim() === '') missing.push(ENV_SECRET_ID);
  if (!secretKey) missing.push(ENV_SECRET_KEY);
  if (missing.length > 0) throw new MissingCredentialsError(missing);
  return new Credentials({
    secretId: secretId as string,
    secretKey: secretKey as string,
    ...(token ? { securityToken: token } : {}),
  });
}
