// `npm run abis`: writes sdk/abis.generated.ts from Hardhat's artifacts (run `npm run build` first).
import { writeFile } from "node:fs/promises";
import { GENERATED_ABIS, renderAbis } from "./render.ts";

await writeFile(GENERATED_ABIS, await renderAbis());
