import MemoriesClient

/// A place a scene can happen, with how its slug line prints.
struct Location: Sendable {
    let key: String
    let setting: SceneSetting
    let name: Bilingual
    /// Times of day that make sense here.
    let times: [TimeOfDay]
    /// What an establishing shot of it shows.
    let establishing: Bilingual

    static let all: [Location] = [
        Location(key: "office", setting: .interior, name: Bilingual("总裁办公室", "CEO OFFICE"), times: [.day, .night, .later],
                 establishing: Bilingual("落地窗外是整座城市的天际线，办公室里冷清而空旷。", "Floor-to-ceiling windows frame the city skyline; the office is cold and bare.")),
        Location(key: "tower", setting: .exterior, name: Bilingual("{Co}大厦", "{CO} TOWER"), times: [.day, .night, .dusk],
                 establishing: Bilingual("{Co}大厦高耸入云，玻璃幕墙反射着阳光。", "The {Co} tower rises into the sky, its glass facade flashing in the sun.")),
        Location(key: "corridor", setting: .interior, name: Bilingual("医院走廊", "HOSPITAL CORRIDOR"), times: [.night, .day, .continuous],
                 establishing: Bilingual("惨白的灯光下，医院走廊空无一人。", "Under flickering fluorescent light, the hospital corridor is empty.")),
        Location(key: "ward", setting: .interior, name: Bilingual("病房", "HOSPITAL ROOM"), times: [.night, .day, .dawn],
                 establishing: Bilingual("监护仪滴滴作响，病床上的人面色苍白。", "A heart monitor beeps beside a pale figure in the hospital bed.")),
        Location(key: "bureau", setting: .exterior, name: Bilingual("民政局门口", "CIVIL AFFAIRS BUREAU"), times: [.day],
                 establishing: Bilingual("民政局门口人来人往，一辆黑色迈巴赫缓缓停下。", "Couples come and go outside the marriage registry; a black Maybach glides to the curb.")),
        Location(key: "mansion", setting: .interior, name: Bilingual("别墅客厅", "MANSION LIVING ROOM"), times: [.night, .day, .dusk],
                 establishing: Bilingual("水晶吊灯下，别墅客厅富丽堂皇。", "A crystal chandelier lights the sprawling mansion living room.")),
        Location(key: "bedroom", setting: .interior, name: Bilingual("主卧", "MASTER BEDROOM"), times: [.night, .dawn],
                 establishing: Bilingual("主卧只开着一盏床头灯，气氛暧昧。", "Only a bedside lamp glows in the master bedroom.")),
        Location(key: "banquet", setting: .interior, name: Bilingual("酒店宴会厅", "HOTEL BANQUET HALL"), times: [.night],
                 establishing: Bilingual("宴会厅觥筹交错，宾客们衣香鬓影。", "Champagne glasses clink across a glittering hotel banquet hall.")),
        Location(key: "cafe", setting: .interior, name: Bilingual("咖啡厅", "CAFE"), times: [.day, .dusk],
                 establishing: Bilingual("午后的咖啡厅，靠窗的位置洒满阳光。", "Afternoon sun pours over a window table in a quiet cafe.")),
        Location(key: "garage", setting: .interior, name: Bilingual("地下停车场", "UNDERGROUND PARKING GARAGE"), times: [.night, .continuous],
                 establishing: Bilingual("地下停车场昏暗潮湿，脚步声回荡。", "Footsteps echo through a dim, damp parking garage.")),
        Location(key: "car", setting: .interior, name: Bilingual("车内", "MOVING CAR"), times: [.night, .day],
                 establishing: Bilingual("车窗外霓虹飞逝，车内一片沉默。", "Neon streaks past the windows; inside the car, silence.")),
        Location(key: "street", setting: .exterior, name: Bilingual("街头", "CITY STREET"), times: [.night, .day, .dusk],
                 establishing: Bilingual("雨夜的街头，行人撑着伞匆匆走过。", "Rain sweeps a city street; pedestrians hurry past under umbrellas.")),
        Location(key: "apartment", setting: .interior, name: Bilingual("出租屋", "RENTED APARTMENT"), times: [.night, .dawn, .day],
                 establishing: Bilingual("狭小的出租屋里堆满了纸箱。", "Cardboard boxes crowd a tiny rented apartment.")),
        Location(key: "kindergarten", setting: .exterior, name: Bilingual("幼儿园门口", "KINDERGARTEN GATE"), times: [.day],
                 establishing: Bilingual("放学铃声响起，孩子们涌出幼儿园大门。", "The bell rings and children pour out of the kindergarten gate.")),
        Location(key: "boardroom", setting: .interior, name: Bilingual("会议室", "BOARDROOM"), times: [.day],
                 establishing: Bilingual("长桌两侧坐满了董事，气氛剑拔弩张。", "Board members line a long table; the air is tense.")),
        Location(key: "rooftop", setting: .exterior, name: Bilingual("天台", "ROOFTOP"), times: [.night, .dusk],
                 establishing: Bilingual("天台上夜风呼啸，城市灯火在脚下铺开。", "Wind howls across the rooftop; the city glitters below.")),
        Location(key: "bridal", setting: .interior, name: Bilingual("婚纱店", "BRIDAL SHOP"), times: [.day],
                 establishing: Bilingual("婚纱店里，一件白色婚纱挂在正中央。", "A white wedding gown hangs at the center of the bridal shop.")),
        Location(key: "airport", setting: .interior, name: Bilingual("机场到达大厅", "AIRPORT ARRIVALS HALL"), times: [.day, .night],
                 establishing: Bilingual("机场到达大厅，一个戴墨镜的女人推着行李走出来。", "A woman in sunglasses wheels her suitcase into the arrivals hall.")),
    ]

    static func named(_ key: String) -> Location {
        all.first { $0.key == key } ?? all[0]
    }
}
