// Last-resort handlers: log the error as one JSON line, then exit 1 so the orchestrator
// restarts a fresh process. Never carry on: after an uncaught error the state is unknown.
function logFatal(msg, error) {
  const err = error instanceof Error ? { type: error.name, message: error.message, stack: error.stack } : { value: String(error) };
  return `${JSON.stringify({ level: 'fatal', time: new Date().toISOString(), msg, err })}\n`;
}

function crash(msg) {
  return (error) => {
    process.exitCode = 1;
    // Exit once this line, and everything queued before it, has reached stdout.
    process.stdout.write(logFatal(msg, error), () => process.exit(1));
    // A log reader that has stopped reading gets one second, not forever.
    setTimeout(() => process.exit(1), 1000).unref();
  };
}

process.on('uncaughtException', crash('uncaught exception'));
process.on('unhandledRejection', crash('unhandled rejection'));

// The demo: a bug of the kind given on the command line.
process.stdout.write(`${JSON.stringify({ level: 'info', msg: 'started' })}\n`);
if (process.argv[2] === 'reject') {
  // An async function whose promise nobody awaits or catches.
  const loadSettings = async () => {
    throw new Error('settings service unreachable');
  };
  void loadSettings();
} else {
  setTimeout(() => {
    throw new TypeError("Cannot read properties of undefined (reading 'id')");
  }, 10);
}
