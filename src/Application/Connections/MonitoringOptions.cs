namespace CleanChat.Application.Connections;

/// <summary>Configuration section <c>Monitoring</c>.</summary>
public sealed class MonitoringOptions
{
    public const string SectionName = "Monitoring";

    /// <summary>Show salon admins the whole node's connection counts, not only their salon's.</summary>
    public bool ShareNodeTotalsWithSalonAdmins { get; set; }

    /// <summary>The bearer token a scraper presents at <c>/metrics</c>; unset, there is no <c>/metrics</c>.</summary>
    public string? MetricsToken { get; set; }
}
