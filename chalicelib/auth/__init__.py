"""Who may call: the authorizer function and the principal it builds. It sits above
store and core (it reads the login's record), below the routes that name it."""
