using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Rongtong.Tests.Support;

/// <summary>What a refused API call says.</summary>
public static class ApiErrors
{
    /// <summary>The "field:rule" pairs of a 422, in order (it fails the test on any other status).</summary>
    public static async Task<string[]> FieldRulesAsync(HttpResponseMessage r)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);
        var body = await r.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("errors").EnumerateArray().Select(e => $"{e.GetProperty("field").GetString()}:{e.GetProperty("rule").GetString()}").ToArray();
    }
}
