using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Push;
using CleanChat.Domain.Common;
using CleanChat.Infrastructure.Persistence;
using CleanChat.Infrastructure.Serialization;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoredSubscription = CleanChat.Domain.Push.PushSubscription;

namespace CleanChat.Infrastructure.Push;

/// <summary>
/// Sends Web Push messages (RFC 8030), encrypted for each browser (RFC 8291) and signed with the
/// service's VAPID key (RFC 8292), from a bounded queue on a background loop: a send never waits for a
/// push service. A push service that answers 429 or 5xx, or cannot be reached, is tried again after 1, 2,
/// 4… seconds, up to <see cref="PushOptions.MaxAttempts"/>; a subscription it answers 404 or 410 for is
/// gone and is deleted.
/// </summary>
public sealed class WebPushSender : BackgroundService, IPushDelivery
{
    public const string HttpClientName = "WebPush";
    private const int Parallelism = 8;

    private readonly Channel<PushJob> _queue;
    private readonly IServiceScopeFactory _scopes;
    private readonly IHttpClientFactory _http;
    private readonly WriteGate _writeGate;
    private readonly TimeProvider _time;
    private readonly PushOptions _options;
    private readonly ILogger<WebPushSender> _logger;
    private long _dropped;

    public WebPushSender(IServiceScopeFactory scopes, IHttpClientFactory http, WriteGate writeGate, TimeProvider time, IOptions<PushOptions> options, ILogger<WebPushSender> logger)
    {
        _scopes = scopes;
        _http = http;
        _writeGate = writeGate;
        _time = time;
        _options = options.Value;
        _logger = logger;
        _queue = Channel.CreateBounded<PushJob>(new BoundedChannelOptions(_options.QueueCapacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    }

    public string? PublicKey => _options.PublicKey is { Length: > 0 } && _options.PrivateKey is { Length: > 0 } ? _options.PublicKey : null;

    public bool TryEnqueue(PushJob job)
    {
        if (PublicKey is null)
            return false;
        if (_queue.Writer.TryWrite(job))
            return true;

        // A full queue means push services are far behind: say so, but not once per message.
        if (Interlocked.Increment(ref _dropped) % 1000 == 1)
            _logger.LogWarning("The push queue is full ({Capacity}); {Dropped} pushes dropped so far", _options.QueueCapacity, Interlocked.Read(ref _dropped));
        return false;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (PublicKey is null)
            return;

        using var authentication = new VapidAuthentication(_options.PublicKey, _options.PrivateKey) { Subject = _options.Subject };
        await foreach (var job in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await SendAsync(job, authentication, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogError(ex, "Sending the pushes for message {MessageId} failed", job.MessageId);
            }
        }
    }

    private async Task SendAsync(PushJob job, VapidAuthentication authentication, CancellationToken cancellationToken)
    {
        var subscriptions = await SubscriptionsOfAsync(job.Recipients, cancellationToken);
        if (subscriptions.Count == 0)
            return;

        var payload = JsonSerializer.Serialize(new PushPayload("message", job.ChatId, job.MessageId, job.SenderName, job.Preview), CleanChatJson.Options);
        var client = new PushServiceClient(_http.CreateClient(HttpClientName))
        {
            DefaultAuthentication = authentication,
            DefaultAuthenticationScheme = VapidAuthenticationScheme.Vapid,
            DefaultTimeToLive = _options.TimeToLiveSeconds,
            AutoRetryAfter = false,
        };

        var gone = new List<long>();
        await Parallel.ForEachAsync(subscriptions, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (subscription, ct) =>
        {
            if (!await DeliverAsync(client, subscription, payload, ct))
            {
                lock (gone)
                    gone.Add(subscription.Id);
            }
        });

        if (gone.Count > 0)
            await DeleteAsync(gone, cancellationToken);
    }

    // False when the push service says the subscription is gone.
    private async Task<bool> DeliverAsync(PushServiceClient client, StoredSubscription stored, string payload, CancellationToken cancellationToken)
    {
        var subscription = new PushSubscription { Endpoint = stored.Endpoint };
        subscription.SetKey(PushEncryptionKeyName.P256DH, stored.P256dh);
        subscription.SetKey(PushEncryptionKeyName.Auth, stored.Auth);

        for (var attempt = 1; ; attempt++)
        {
            HttpStatusCode? status = null;
            try
            {
                await client.RequestPushMessageDeliveryAsync(subscription, new PushMessage(payload) { Urgency = PushMessageUrgency.High }, cancellationToken);
                return true;
            }
            catch (PushServiceClientException ex) when (ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
            {
                return false;
            }
            catch (PushServiceClientException ex) when ((int)ex.StatusCode is 429 or >= 500)
            {
                status = ex.StatusCode;
            }
            catch (PushServiceClientException ex)
            {
                _logger.LogWarning("A push service refused a push with {Status}; not retried", (int)ex.StatusCode);
                return true;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
            }

            if (attempt >= _options.MaxAttempts)
            {
                _logger.LogWarning("A push service still failed ({Status}) after {Attempts} attempts; the push is dropped", status is { } s ? (int)s : "unreachable", attempt);
                return true;
            }

            await Task.Delay(TimeSpan.FromSeconds(1 << (attempt - 1)), _time, cancellationToken);
        }
    }

    private async Task<List<StoredSubscription>> SubscriptionsOfAsync(IReadOnlyList<ParticipantRef> recipients, CancellationToken cancellationToken)
    {
        var users = recipients.Where(r => r.Type == ParticipantType.User).Select(r => r.Id).ToList();
        var customers = recipients.Where(r => r.Type == ParticipantType.Customer).Select(r => r.Id).ToList();
        await using var scope = _scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ChatDbContext>().PushSubscriptions.AsNoTracking()
            .Where(s => (s.ParticipantType == ParticipantType.User && users.Contains(s.ParticipantId))
                || (s.ParticipantType == ParticipantType.Customer && customers.Contains(s.ParticipantId)))
            .ToListAsync(cancellationToken);
    }

    private async Task DeleteAsync(List<long> ids, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        using (await _writeGate.EnterAsync(cancellationToken))
            await db.PushSubscriptions.Where(s => ids.Contains(s.Id)).ExecuteDeleteAsync(cancellationToken);
        _logger.LogInformation("Deleted {Count} push subscriptions their push service no longer knows", ids.Count);
    }

    /// <summary>What a push carries: enough for the notification, nothing more (push services see its size, not its text).</summary>
    private sealed record PushPayload(string Type, long ChatId, long MessageId, string SenderName, string Preview);
}
