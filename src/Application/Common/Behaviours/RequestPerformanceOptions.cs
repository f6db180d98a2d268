namespace CleanChat.Application.Common.Behaviours;

public sealed class RequestPerformanceOptions
{
    public const string SectionName = "RequestPerformance";

    /// <summary>Requests slower than this are logged as warnings.</summary>
    public int SlowRequestThresholdMs { get; set; } = 500;
}
