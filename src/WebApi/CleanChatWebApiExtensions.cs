using System.Threading.RateLimiting;
using CleanChat.Application;
using CleanChat.Application.Common.Behaviours;
using CleanChat.Application.Common.Security;
using CleanChat.Infrastructure;
using CleanChat.Infrastructure.Identity;
using CleanChat.Infrastructure.Persistence;
using CleanChat.Infrastructure.Serialization;
using CleanChat.WebApi.Dialects.Hotel;
using CleanChat.WebApi.Dialects.Marketplace;
using CleanChat.WebApi.Dialects.Mentoring;
using CleanChat.WebApi.Endpoints;
using CleanChat.WebApi.Infrastructure;
using CleanChat.WebApi.OpenApi;
using CleanChat.WebApi.Realtime;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace CleanChat.WebApi;

/// <summary>
/// CleanChat as a guest in any ASP.NET Core host: <c>services.AddCleanChat(...)</c>, then
/// <c>app.UseCleanChat()</c> and <c>app.MapCleanChat()</c>. The standalone Program does exactly this.
/// </summary>
public static class CleanChatWebApiExtensions
{
    public const string CorsPolicy = "cleanchat-clients";

    public static IServiceCollection AddCleanChat(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddApplication();
        services.AddOptions<RequestPerformanceOptions>().Bind(configuration.GetSection(RequestPerformanceOptions.SectionName));
        services.AddInfrastructure(configuration, environment);

        // The framework's request lines print raw URLs (with ?token=); ours redact them. See RedactedRequestLogging.
        services.AddLogging(logging => logging.AddFilter(RedactedRequestLogging.HostingDiagnosticsCategory, LogLevel.Warning));

        services.AddHttpContextAccessor();

        // No "Server: Kestrel" in answers: it tells an attacker which exploits to try and tells clients nothing.
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel => kestrel.AddServerHeader = false);

        services.ConfigureHttpJsonOptions(options => CleanChatJson.Configure(options.SerializerOptions));
        services.AddProblemDetails();

        // Let binding failures (malformed JSON, wrong types) reach the exception handler in every
        // environment, so the 400 names the offending field instead of being an empty status.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();

        AddTokenAuthentication(services);
        AddLoginRateLimiting(services);

        // Only the configured front-end origins; never "any origin". They may send credentials: a front end of
        // another origin (the mentoring seed's Next.js app) signs in with the session cookie, and only the
        // routes that accept the cookie read it, each unsafe use checked for these same origins.
        services.AddSingleton<AllowedOrigins>();
        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>().Configure<AllowedOrigins>((options, origins) =>
            options.AddPolicy(CorsPolicy, policy => policy.WithOrigins(origins.All.ToArray()).AllowAnyHeader().AllowAnyMethod().AllowCredentials()));

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "CleanChat API",
                Version = "v1",
                Description = "REST half of CleanChat. The WebSocket protocol is described by its AsyncAPI contract at "
                    + "[/asyncapi.json](/asyncapi.json) and can be tried in the [protocol console](/console/); the [web app](/) uses both.",
            });
            options.AddSecurityDefinition(ProblemResponsesFilter.SchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "Access token from /api/v1/auth/login or /api/v1/customer-auth/login",
            });
            options.OperationFilter<ProblemResponsesFilter>();
        });
        services.AddCleanChatMetrics(configuration);
        return services;
    }

    public static WebApplication UseCleanChat(this WebApplication app)
    {
        UseForwardedHeadersWhenConfigured(app);
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<RedactedRequestLogging>();
        app.UseExceptionHandler();
        // A socket's handshake answers with its own problem details; once open it has no status page to show,
        // and skipping the middleware keeps its frame off every open socket.
        // (UseWebSockets runs later, so the handshake is recognised by its Upgrade header.)
        app.UseWhen(context => !string.Equals(context.Request.Headers.Upgrade, "websocket", StringComparison.OrdinalIgnoreCase), pages => pages.UseStatusCodePages());
        // Only requests for the API description pass through Swagger's middlewares: every other request,
        // an open chat socket above all, would otherwise hold their frames for as long as it lasts.
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/swagger") || context.Request.Path.StartsWithSegments("/docs"), docs =>
        {
            docs.UseSwagger();
            docs.UseSwaggerUI(options =>
            {
                options.RoutePrefix = "docs";
                options.SwaggerEndpoint("/swagger/v1/swagger.json", "CleanChat API v1");
            });
        });
        // The web app (/) and the protocol console (/console/) are files of wwwroot, no build step. They
        // are revalidated on every load (ETag), so a new release is never mixed with cached old modules.
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
        });
        app.UseCors(CorsPolicy);
        app.UseWebSockets();
        app.UseAuthentication();
        app.UseMiddleware<SessionOriginCheck>();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    public static IEndpointRouteBuilder MapCleanChat(this IEndpointRouteBuilder app)
    {
        app.MapAuthEndpoints();
        app.MapSessionEndpoints();
        app.MapChatEndpoints();
        app.MapMessageEndpoints();
        app.MapUploadEndpoints();
        app.MapPushEndpoints();
        app.MapMarketplaceEndpoints();
        app.MapMentorAssignmentEndpoints();
        app.MapMentoringEndpoints();
        app.MapHotelEndpoints();
        app.MapChatSockets();
        app.MapMentoringSockets();
        app.MapHotelSockets();
        app.MapHealthChecks("/health");
        app.MapCleanChatMetrics();
        return app;
    }

    // Behind a reverse proxy the request's scheme, host and client address are the proxy's; with
    // ForwardedHeaders:Enabled they are taken from X-Forwarded-Proto/-Host/-For, but only from the proxies
    // named in ForwardedHeaders:KnownProxies (loopback when none are), so a client cannot claim them itself.
    private static void UseForwardedHeadersWhenConfigured(WebApplication app)
    {
        var section = app.Configuration.GetSection("ForwardedHeaders");
        if (!section.GetValue<bool>("Enabled"))
            return;

        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor
                | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto
                | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedHost,
        };
        foreach (var proxy in section.GetSection("KnownProxies").Get<string[]>() ?? Array.Empty<string>())
            options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
        app.UseForwardedHeaders(options);
    }

    private static void AddTokenAuthentication(IServiceCollection services)
    {
        // A bearer token everywhere; the browser session cookie only where an endpoint accepts it.
        services.AddAuthentication(SessionAuthentication.BearerOrSessionScheme).AddJwtBearer().AddBearerOrSession();
        services.AddOptions<PolicySchemeOptions>(SessionAuthentication.BearerOrSessionScheme)
            .Configure(options => options.ForwardChallenge = JwtBearerDefaults.AuthenticationScheme);
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<JwtTokenService>((options, tokens) =>
            {
                // One handler with the strict rules (HS256 only, short skew, exp required) for every transport.
                options.MapInboundClaims = false;
                options.TokenHandlers.Clear();
                options.TokenHandlers.Add(tokens.Handler);
                options.TokenValidationParameters = tokens.ValidationParameters;
                options.Events = new JwtBearerEvents
                {
                    OnChallenge = async context =>
                    {
                        context.HandleResponse();
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        context.Response.Headers.WWWAuthenticate = "Bearer";
                        await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                        {
                            HttpContext = context.HttpContext,
                            ProblemDetails = new ProblemDetails
                            {
                                Status = StatusCodes.Status401Unauthorized,
                                Title = "Unauthorized",
                                Detail = "A valid access token is required (Authorization: Bearer <token>).",
                            },
                        });
                    },
                };
            });
        services.AddAuthorization();
    }

    private static void AddLoginRateLimiting(IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<LoginRateLimitOptions>>((options, limitOptions) =>
        {
            var limits = limitOptions.Value;
            // ASP.NET's limiter answers 503 unless told otherwise; a client that tried too often gets 429.
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(limits.PerAddressWindowSeconds);
                ProblemDetailsExceptionHandler.SetRetryAfter(context.HttpContext, retryAfter);
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = "Too many login attempts from this address; try again later.",
                    },
                });
            };
            options.AddPolicy(AuthEndpoints.LoginRateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.PerAddressPermits,
                    Window = TimeSpan.FromSeconds(limits.PerAddressWindowSeconds),
                    QueueLimit = 0,
                }));
        });
    }
}
