using System.Security.Cryptography;
using System.Text;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Connections;
using CleanChat.Infrastructure.Realtime.Statistics;
using Microsoft.Net.Http.Headers;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace CleanChat.WebApi.Infrastructure;

/// <summary>
/// The Prometheus scrape endpoint, <c>/metrics</c>: off unless <c>Monitoring:MetricsToken</c> is set, and
/// then answering only requests that present that token as a bearer token. It exports CleanChat's own
/// meters (sockets, frames) and ASP.NET Core's (requests, Kestrel connections).
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static IServiceCollection AddCleanChatMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        if (Token(configuration) is null)
            return services;

        services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService("cleanchat")).WithMetrics(metrics => metrics
            .AddMeter(RealtimeTraffic.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
            .AddPrometheusExporter());
        return services;
    }

    public static IEndpointRouteBuilder MapCleanChatMetrics(this IEndpointRouteBuilder app)
    {
        if (Token(app.ServiceProvider.GetRequiredService<IConfiguration>()) is not { } token)
            return app;

        // The socket gauges exist once the statistics do.
        app.ServiceProvider.GetRequiredService<IConnectionStatistics>();
        var expected = Encoding.UTF8.GetBytes(token);
        app.MapPrometheusScrapingEndpoint(Path, meterProvider: null, configureBranchedPipeline: pipeline => pipeline.Use(async (context, next) =>
        {
            if (PresentedToken(context.Request) is { } presented && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), expected))
            {
                await next(context);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }), optionsName: null);
        return app;
    }

    private static string? Token(IConfiguration configuration) =>
        configuration[$"{MonitoringOptions.SectionName}:{nameof(MonitoringOptions.MetricsToken)}"] is { Length: > 0 } token ? token : null;

    private static string? PresentedToken(HttpRequest request) =>
        request.Headers[HeaderNames.Authorization].ToString() is { } header && header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..].Trim() : null;
}
