"""Microsoft Teams: the channel Rasa loads from credentials.yml as `bot.channels.teams.TeamsInput`.

  auth        the Bot Connector's signed tokens and signing keys
  activities  reading activities: which to answer, the tenant and scope, what the person said
  cards       Rasa's buttons as Adaptive Cards
  sender      replies through the Bot Connector, with the bot's own access token
  channel     the webhook that ties them together

The app package Teams installs is built by `python -m bot teams package` (`bot.ops.teams_package`).
"""

from bot.channels.teams.channel import TeamsInput

__all__ = ["TeamsInput"]
