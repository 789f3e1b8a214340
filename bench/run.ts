// `npm run bench -- <name> [options]`: runs one benchmark.
const BENCHES: Record<string, () => Promise<{ main: (args: string[]) => Promise<void> }>> = {
  console: () => import('./console.js'),
  directory: () => import('./directory.js'),
  login: () => import('./login.js'),
}

const [name, ...args] = process.argv.slice(2)
const bench = name !== undefined ? BENCHES[name] : undefined
if (!bench) {
  console.error(`usage: npm run bench -- <${Object.keys(BENCHES).join('|')}> [options]`)
  process.exit(2)
}
try {
  await (await bench()).main(args)
} catch (error) {
  console.error(error)
  process.exit(1)
}
