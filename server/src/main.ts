// Entry point of the language server bundle (dist/server.js).
console.error('chancery: server not implemented yet');
process.exit(1);
