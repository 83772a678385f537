"""The ground every package stands on: configuration, extensions, errors, i18n, audit, time, access
checks and the shared web helpers. It imports no other package of the project (the app factory that
puts the packages together is `app.create_app`)."""
