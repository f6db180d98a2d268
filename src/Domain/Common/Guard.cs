namespace CleanChat.Domain.Common;

/// <summary>Argument guards for programming errors: invalid user input is caught by validators before it gets here.</summary>
public static class Guard
{
    public static string NotNullOrWhiteSpace(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"{name} must not be blank.", name) : value;

    public static long Positive(long value, string name) =>
        value <= 0 ? throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.") : value;

    public static DateTime Utc(DateTime value, string name) =>
        value.Kind != DateTimeKind.Utc ? throw new ArgumentException($"{name} must be a UTC time.", name) : value;
}
