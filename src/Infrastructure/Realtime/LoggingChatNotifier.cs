using CleanChat.Application.Common.Interfaces;
using Microsoft.Extensions.Logging;

namespace CleanChat.Infrastructure.Realtime;

/// <summary>
/// The notifier until real-time delivery is plugged in: records each event at Debug level
/// (event type and chat only; message text never reaches the log).
/// </summary>
internal sealed class LoggingChatNotifier : IChatNotifier
{
    private readonly ILogger<LoggingChatNotifier> _logger;

    public LoggingChatNotifier(ILogger<LoggingChatNotifier> logger) => _logger = logger;

    public Task NotifyAsync(ChatNotification notification, CancellationToken cancellationToken)
    {
        _logger.LogDebug("Chat {ChatId}: {Notification}", notification.ChatId, notification.GetType().Name);
        return Task.CompletedTask;
    }
}
