using CleanChat.Domain.Chats;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Notifications;
using CleanChat.Application.Common.Security;
using CleanChat.Application.Common.Validation;
using CleanChat.Application.Messages.Queries.GetChatHistory;
using CleanChat.Application.Uploads;
using CleanChat.Infrastructure.Admission;
using CleanChat.Infrastructure.Files;
using CleanChat.Infrastructure.Identity;
using CleanChat.Infrastructure.Persistence;
using CleanChat.Infrastructure.Persistence.Caching;
using CleanChat.Infrastructure.Persistence.Events;
using CleanChat.Infrastructure.Persistence.Messages;
using CleanChat.Infrastructure.Persistence.Repositories;
using CleanChat.Infrastructure.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CleanChat.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddSingleton(TimeProvider.System);

        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.SectionName));
        services.AddChatStorage(configuration, environment);
        services.AddScoped<IChatReadModel>(sp => sp.GetRequiredService<ChatDbContext>());
        services.AddSingleton<WriteGate>();
        services.AddScoped<IUnitOfWork, UnitOfWork>();
        services.AddScoped<IChatRepository, ChatRepository>();
        services.AddScoped<IMessageRepository, MessageRepository>();
        services.AddScoped<IStaffUserRepository, StaffUserRepository>();
        services.AddScoped<ICustomerRepository, CustomerRepository>();
        services.AddScoped<ISalonRepository, SalonRepository>();
        services.AddScoped<IMentorshipRepository, MentorshipRepository>();
        services.AddScoped<IStayRepository, StayRepository>();
        services.AddScoped<ILoginSessionRepository, LoginSessionRepository>();
        services.AddScoped<IRefreshTokenRepository, RefreshTokenRepository>();
        AddWebPush(services, configuration);
        services.AddOptions<Application.Accounts.RefreshTokenOptions>().Bind(configuration.GetSection(Application.Accounts.RefreshTokenOptions.SectionName))
            .Validate(o => o.RefreshTokenLifetimeDays is >= 1 and <= 365, "Jwt:RefreshTokenLifetimeDays must be between 1 and 365.").ValidateOnStart();
        services.AddSingleton<ISessionTokens, SessionTokens>();
        services.AddScoped<SessionAuthenticator>();
        services.AddSingleton<EndedSessionSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<EndedSessionSweeper>());
        services.AddOptions<Application.Accounts.SessionOptions>().Bind(configuration.GetSection(Application.Accounts.SessionOptions.SectionName))
            .Validate(o => o.IdleTimeoutMinutes > 0 && o.MaxAgeHours > 0, "Sessions:IdleTimeoutMinutes and Sessions:MaxAgeHours must be positive.").ValidateOnStart();
        services.AddScoped<IChatAccessQuery, ChatAccessQuery>();
        services.AddSingleton<ChatDirectory>();
        services.AddSingleton<IChatDirectory>(sp => sp.GetRequiredService<ChatDirectory>());
        services.AddSingleton<ParticipantProfiles>();
        services.AddSingleton<IParticipantProfiles>(sp => sp.GetRequiredService<ParticipantProfiles>());
        services.AddSingleton<CommitOrderedEventDispatcher>();
        services.AddSingleton<MessageWriter>();
        services.AddSingleton<IMessageStore>(sp => sp.GetRequiredService<MessageWriter>());

        // Stopped in reverse order: the writer commits what is queued, then the dispatcher announces it.
        services.AddHostedService(sp => sp.GetRequiredService<CommitOrderedEventDispatcher>());
        services.AddHostedService(sp => sp.GetRequiredService<MessageWriter>());
        // On PostgreSQL, this node hears every node's commits (its own included) before it serves a request.
        if (DatabaseOptions.ProviderFrom(configuration) == DatabaseProvider.Postgres)
        {
            services.AddHostedService(sp => sp.GetRequiredService<Realtime.Cluster.ClusterListener>());
            services.AddHostedService(sp => sp.GetRequiredService<Realtime.Cluster.ClusterPresence>());
        }
        services.AddSingleton<DeliveryRecorder>();
        services.AddSingleton<IDeliveryRecorder>(sp => sp.GetRequiredService<DeliveryRecorder>());
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryRecorder>());

        services.AddOptions<AdmissionOptions>().Bind(configuration.GetSection(AdmissionOptions.SectionName));
        services.AddSingleton<ThreadPoolLagProbe>();
        services.AddHostedService(sp => sp.GetRequiredService<ThreadPoolLagProbe>());
        services.AddSingleton<IWriteAdmission, WriteAdmission>();
        services.AddScoped<DatabaseInitializer>();
        services.AddScoped<DevelopmentDataSeeder>();

        services.AddOptions<UploadOptions>().Bind(configuration.GetSection(UploadOptions.SectionName))
            .Validate(o => o.MaxAttachmentsPerMessage is >= 1 and <= MessageBody.MaxAttachments,
                $"Uploads:MaxAttachmentsPerMessage must be between 1 and {MessageBody.MaxAttachments}.")
            .ValidateOnStart();
        services.AddOptions<EntityReferenceOptions>().Bind(configuration.GetSection(EntityReferenceOptions.SectionName));
        services.AddOptions<ChatContextOptions>().Bind(configuration.GetSection(ChatContextOptions.SectionName));
        services.AddSingleton(sp => new UnreferencedUploadCleaner(sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<LocalFileStore>(),
            sp.GetRequiredService<WriteGate>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<UploadOptions>>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<UnreferencedUploadCleaner>>()));
        services.AddHostedService(sp => sp.GetRequiredService<UnreferencedUploadCleaner>());
        services.AddSingleton<LocalFileStore>();
        services.AddSingleton<IFileStore>(sp => sp.GetRequiredService<LocalFileStore>());
        services.AddSingleton<IThumbnailMaker, VipsThumbnailMaker>();
        services.AddScoped<IUploadedFileRepository, UploadedFileRepository>();

        services.AddOptions<JwtOptions>().Bind(configuration.GetSection(JwtOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<JwtOptions>, JwtOptionsValidator>();
        services.AddSingleton<JwtTokenService>();
        services.AddSingleton<IAccessTokenIssuer>(sp => sp.GetRequiredService<JwtTokenService>());
        services.AddSingleton<IPasswordHasher, AspNetPasswordHasher>();
        services.AddOptions<LoginRateLimitOptions>().Bind(configuration.GetSection(LoginRateLimitOptions.SectionName));
        services.AddSingleton<ILoginRateLimiter, LoginRateLimiter>();

        services.AddSingleton<InMemoryPresenceTracker>();
        // Several nodes register their union of every node's presence first (StorageRegistration).
        services.TryAddSingleton<IPresenceTracker>(sp => sp.GetRequiredService<InMemoryPresenceTracker>());
        services.AddOptions<RealtimeOptions>().Bind(configuration.GetSection(RealtimeOptions.SectionName))
            .Validate(o => o.MaxReplayMessages is >= 1 and <= GetChatHistoryQuery.MaxPageSize,
                $"Realtime:MaxReplayMessages must be between 1 and {GetChatHistoryQuery.MaxPageSize} (one history page).")
            .ValidateOnStart();
        services.AddScoped<CurrentCaller>();
        services.AddScoped<ICurrentCaller>(sp => sp.GetRequiredService<CurrentCaller>());

        // The WebSocket gateway: registry, delivery, sessions and the notifier, all of it here.
        services.AddSingleton<ConnectionRegistry>();
        services.AddSingleton<Realtime.Statistics.RealtimeTraffic>();
        services.AddSingleton<Realtime.Statistics.ConnectionStatistics>();
        services.AddSingleton<IConnectionStatistics>(sp => sp.GetRequiredService<Realtime.Statistics.ConnectionStatistics>());
        services.AddOptions<Application.Connections.MonitoringOptions>().Bind(configuration.GetSection(Application.Connections.MonitoringOptions.SectionName))
            .Validate(o => o.MetricsToken is null || o.MetricsToken.Length >= 32, "Monitoring:MetricsToken must be at least 32 characters (or unset, which turns /metrics off).")
            .ValidateOnStart();
        services.AddSingleton<NotificationDelivery>();
        services.AddSingleton<RealtimeGateway>();
        services.AddSingleton<ISessionSockets>(sp => sp.GetRequiredService<RealtimeGateway>());
        services.AddSingleton<FrameDispatcher>();
        services.AddSingleton<ChatSocketSession>();
        services.AddSingleton<ChatSocketServer>();
        services.AddScoped<RealtimeFrameContext>();
        services.AddScoped<IChatNotifier, WebSocketChatNotifier>();
        return services;
    }

    // Web Push is on when the VAPID key pair is configured; a half-configured pair stops start-up.
    private static void AddWebPush(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<Application.Push.PushOptions>().Bind(configuration.GetSection(Application.Push.PushOptions.SectionName))
            .Validate(o => string.IsNullOrEmpty(o.PublicKey) == string.IsNullOrEmpty(o.PrivateKey), "WebPush:PublicKey and WebPush:PrivateKey are set together or not at all.")
            .Validate(o => string.IsNullOrEmpty(o.PublicKey) || Push.VapidKeys.AreValid(o.PublicKey, o.PrivateKey!), "WebPush:PublicKey must be a 65-byte P-256 point and WebPush:PrivateKey its 32-byte key, both base64url.")
            .Validate(o => o.Subject.StartsWith("mailto:", StringComparison.Ordinal) || o.Subject.StartsWith("https://", StringComparison.Ordinal), "WebPush:Subject must be a mailto: or https: URL.")
            .Validate(o => o.QueueCapacity > 0 && o.MaxAttempts > 0 && o.MaxSubscriptionsPerAccount > 0 && o.TimeToLiveSeconds >= 0, "WebPush limits must be positive.")
            .ValidateOnStart();
        // A push service answers with a status and a short body; anything bigger is not worth reading.
        services.AddHttpClient(Push.WebPushSender.HttpClientName, client =>
        {
            client.Timeout = TimeSpan.FromSeconds(15);
            client.MaxResponseContentBufferSize = 64 * 1024;
        });
        services.AddSingleton<Push.WebPushSender>();
        services.AddSingleton<IPushDelivery>(sp => sp.GetRequiredService<Push.WebPushSender>());
        services.AddHostedService(sp => sp.GetRequiredService<Push.WebPushSender>());
        services.AddScoped<IPushSubscriptionRepository, PushSubscriptionRepository>();
    }
}
