// Entry point of the command-line checker (dist/cli.js).
console.error('chancery: cli not implemented yet');
process.exit(2);
