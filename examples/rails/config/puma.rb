pidfile ENV.fetch("PIDFILE") { "tmp/pids/server.pid" }
