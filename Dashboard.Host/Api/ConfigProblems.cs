using Dashboard.Core.Configuration;

namespace Dashboard.Host.Api;

/// <summary>The problem answers the config write API shares.</summary>
internal static class ConfigProblems
{
    /// <summary>400 with <c>errors: [{ path, message }]</c>; nothing was written.</summary>
    public static IResult Invalid(string title, IReadOnlyList<ValidationError> errors) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: title,
            detail: $"Nothing was written: {string.Join("; ", errors.Take(5))}" + (errors.Count > 5 ? $"; and {errors.Count - 5} more" : ""),
            extensions: new Dictionary<string, object?> { ["errors"] = errors });

    /// <summary>409: the file on disk does not parse, so one entry cannot be edited in it.</summary>
    public static IResult Unreadable(string error) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "plugins.json cannot be edited by instance",
            detail: $"{error}. Fix the file as a whole with PUT /api/config.");

    /// <summary>409: someone else wrote the file between our read and our write, and the caller sent no <c>If-Match</c>.</summary>
    public static IResult Concurrent(string error) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "plugins.json changed meanwhile", detail: error);
}
