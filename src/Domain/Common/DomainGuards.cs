using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Ardalis.GuardClauses;

namespace CleanChat.Domain.Common;

/// <summary>
/// The Domain's own clauses for <c>Guard.Against</c>. Broken business rules carry a stable code and throw
/// the Domain's exceptions (409 and 403 in every transport); argument guards are for programming errors.
/// </summary>
public static class DomainGuards
{
    /// <summary>Refuses a change the current state does not allow.</summary>
    public static void RuleBroken(this IGuardClause guard, [DoesNotReturnIf(true)] bool broken, string code, string message)
    {
        if (broken)
            throw new DomainRuleViolationException(code, message);
    }

    /// <inheritdoc cref="RuleBroken(IGuardClause, bool, string, string)"/>
    /// <remarks>The message is formatted only when the rule is broken: these checks run on every send.</remarks>
    public static void RuleBroken(this IGuardClause guard, [DoesNotReturnIf(true)] bool broken, string code, [InterpolatedStringHandlerArgument("broken")] ref RuleMessage message)
    {
        if (broken)
            throw new DomainRuleViolationException(code, message.ToStringAndClear());
    }

    /// <summary>Refuses an actor who may see the target but not do this to it.</summary>
    public static void NotPermitted(this IGuardClause guard, [DoesNotReturnIf(true)] bool refused, string code, string message)
    {
        if (refused)
            throw new DomainPermissionException(code, message);
    }

    public static DateTime NotUtc(this IGuardClause guard, DateTime value, [CallerArgumentExpression(nameof(value))] string? parameterName = null) =>
        value.Kind == DateTimeKind.Utc ? value : throw new ArgumentException($"{parameterName} must be a UTC time.", parameterName);
}

/// <summary>Builds a rule's message only when the rule is broken (see <see cref="DomainGuards"/>).</summary>
[InterpolatedStringHandler]
public ref struct RuleMessage
{
    private DefaultInterpolatedStringHandler _text;

    public RuleMessage(int literalLength, int formattedCount, bool broken, out bool shouldAppend)
    {
        _text = broken ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
        shouldAppend = broken;
    }

    public void AppendLiteral(string value) => _text.AppendLiteral(value);

    public void AppendFormatted<T>(T value) => _text.AppendFormatted(value);

    public void AppendFormatted<T>(T value, string? format) => _text.AppendFormatted(value, format);

    public string ToStringAndClear() => _text.ToStringAndClear();
}
