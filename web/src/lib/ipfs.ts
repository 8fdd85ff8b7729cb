/** Why the API's IPFS node refused an upload, in words a buyer can act on. */
const REFUSALS: Record<number, string> = {
  401: "Your session has ended: sign in again.",
  413: "The file is too large to upload.",
};

/**
 * Adds bytes to the API's IPFS node (Kubo RPC `add`, the CID parameters the whole project uses) and returns the CID.
 * The public port takes uploads from signed-in accounts only: `token` is the session's.
 */
export async function addToIpfs(content: Blob, name: string, token: string | undefined): Promise<string> {
  if (!token) throw new Error("Sign in with Ethereum to upload.");
  const form = new FormData();
  form.append("file", content, name);
  const response = await fetch("/api/v0/add?cid-version=1&raw-leaves=true&pin=true", {
    method: "POST",
    body: form,
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw new Error(REFUSALS[response.status] ?? (await refusal(response)));
  const lines = (await response.text()).trim().split("\n");
  return (JSON.parse(lines[lines.length - 1]) as { Hash: string }).Hash;
}

export async function addJsonToIpfs(document: unknown, name: string, token: string | undefined): Promise<string> {
  return addToIpfs(new Blob([JSON.stringify(document)], { type: "application/json" }), name, token);
}

/** The node's own message (Kubo's error body), e.g. an upload quota used up. */
async function refusal(response: Response): Promise<string> {
  const body = (await response.json().catch(() => undefined)) as { Message?: string } | undefined;
  return `The upload was refused: ${body?.Message ?? `HTTP ${response.status}`}.`;
}
