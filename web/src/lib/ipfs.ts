/**
 * Adds bytes to the API's IPFS node (Kubo RPC `add`, the CID parameters the whole project uses) and returns the CID.
 */
export async function addToIpfs(content: Blob, name: string): Promise<string> {
  const form = new FormData();
  form.append("file", content, name);
  const response = await fetch("/api/v0/add?cid-version=1&raw-leaves=true&pin=true", { method: "POST", body: form });
  if (!response.ok) throw new Error(`the IPFS upload failed (HTTP ${response.status})`);
  const lines = (await response.text()).trim().split("\n");
  return (JSON.parse(lines[lines.length - 1]) as { Hash: string }).Hash;
}

export async function addJsonToIpfs(document: unknown, name: string): Promise<string> {
  return addToIpfs(new Blob([JSON.stringify(document)], { type: "application/json" }), name);
}
