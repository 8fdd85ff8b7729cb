/**
 * The `Authorization` header value for a Kubo `AuthSecret` (Kubo's `API.Authorizations` and `ipfs --api-auth`):
 * `bearer:<token>`, `basic:<user>:<password>` or `basic:<base64 of user:password>`; without a known prefix the
 * whole value is a bearer token, as in Kubo.
 */
export function authorizationHeader(secret: string): string {
  if (secret.startsWith("basic:")) {
    const value = secret.slice("basic:".length);
    return `Basic ${value.includes(":") ? Buffer.from(value).toString("base64") : value}`;
  }
  return `Bearer ${secret.startsWith("bearer:") ? secret.slice("bearer:".length) : secret}`;
}
