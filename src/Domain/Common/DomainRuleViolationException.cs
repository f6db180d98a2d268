namespace CleanChat.Domain.Common;

/// <summary>
/// A business rule refused the operation in the current state (edit window over, chat archived).
/// The caller may see the target; the state does not allow the change.
/// </summary>
public class DomainRuleViolationException : Exception
{
    public DomainRuleViolationException(string code, string message) : base(message) => Code = code;

    /// <summary>Stable machine-readable reason, e.g. <c>edit_window_expired</c>.</summary>
    public string Code { get; }
}
